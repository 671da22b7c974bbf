package org.imagestore.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.imagestore.client.ImageList;
import org.imagestore.client.ImageQuery;
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
    assertRefused(507, () -> images.save(Pngs.flat(16, 16, 0xabcdef), null));
    assertEquals(List.of(), STORAGE.names());
  }

  @Test
  void rawAndMultipartSavesGet507TooAndLeaveNoUpload() {
    byte[] png = Pngs.flat(16, 16, 0xabcdef);
    try (Response response = saveRaw(png, null)) {
      assertError(response, 507);
    }
    try (Response response = saveForm(png, "{\"prompt\": \"full\"}")) {
      assertError(response, 507);
    }
    assertEquals(List.of(), STORAGE.names());
  }

  @Test
  void listingStillWorksWhenTheDiskIsFull() {
    ImageList page = images.list(ImageQuery.all());
    assertEquals(0, page.count());
    assertEquals(List.of(), page.images());
  }
}
