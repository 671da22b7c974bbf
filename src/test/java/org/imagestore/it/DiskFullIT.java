package org.imagestore.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/** Free space under imagestore.min-free-bytes: 507 and nothing written. */
@FilesystemOnly
class DiskFullIT extends ImageStoreTestBase {
  private static final TestStorage STORAGE = Deployments.freshFolder("full");

  @Deployment(testable = false)
  static WebArchive app() {
    // No disk here has an exabyte free: every save finds the volume "full".
    return Deployments.war(
        "/full", STORAGE, Map.of("imagestore.min-free-bytes", "1000000000000000000"));
  }

  @Test
  void aSaveWithTooLittleFreeSpaceGets507AndWritesNothing() {
    try (Response response = saveRaw(Pngs.flat(16, 16, 0xabcdef), null)) {
      assertError(response, 507);
    }
    assertEquals(List.of(), STORAGE.names());
  }

  @Test
  void listingStillWorksWhenTheDiskIsFull() {
    try (Response response = target("api/list-images").request().get()) {
      assertEquals(200, response.getStatus());
    }
  }
}
