package org.imagestore.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.imagestore.client.SavedImage;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/** Configured limits: image bytes, pixels, and the server path shown when an admin allows it. */
class LimitsIT extends ImageStoreTestBase {
  private static final TestStorage STORAGE = Deployments.freshStorage("limits");

  @Deployment(testable = false)
  static WebArchive app() {
    return Deployments.war(
        "/limits",
        STORAGE,
        Map.of(
            "imagestore.max-image-bytes", "200000",
            "imagestore.max-pixels", "250000",
            "imagestore.expose-path", "true",
            "imagestore.cache-max-age", "600"));
  }

  @Test
  void anImageOverMaxImageBytesGets413() {
    assertRefusedAndNothingWritten(413, Pngs.noise(300, 300, 3));
  }

  @Test
  void anImageOverMaxPixelsGets413EvenWhenSmallOnDisk() {
    byte[] png = Pngs.flat(600, 600, 0x123456);
    assertTrue(png.length < 200_000);
    assertRefusedAndNothingWritten(413, png);
  }

  @Test
  void aBombClaimingHugeDimensionsGets413() {
    assertRefusedAndNothingWritten(413, Pngs.bomb(100_000));
  }

  @Test
  void underTheLimitsItIsStoredAndThePathIsExposed() {
    SavedImage saved = images.save(Pngs.flat(500, 500, 0x654321), null);
    assertEquals(STORAGE.location(saved.filename()), saved.path());
    // Cache-Control is on the wire, and the client sends no HEAD: raw.
    try (Response response = CLIENT.target(absolute(saved.url())).request().head()) {
      assertEquals("public, max-age=600, immutable", response.getHeaderString("Cache-Control"));
    }
  }

  private void assertRefusedAndNothingWritten(int status, byte[] png) {
    List<String> before = STORAGE.names();
    assertRefused(status, () -> images.save(png, null));
    assertEquals(before, STORAGE.names());
  }
}
