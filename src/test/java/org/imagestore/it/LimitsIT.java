package org.imagestore.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
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
    assertRefused(Pngs.noise(300, 300, 3), 413);
  }

  @Test
  void anImageOverMaxPixelsGets413EvenWhenSmallOnDisk() {
    byte[] png = Pngs.flat(600, 600, 0x123456);
    assertTrue(png.length < 200_000);
    assertRefused(png, 413);
  }

  @Test
  void aBombClaimingHugeDimensionsGets413() {
    assertRefused(Pngs.bomb(100_000), 413);
  }

  @Test
  void underTheLimitsItIsStoredAndThePathIsExposed() {
    JsonObject saved = save(Pngs.flat(500, 500, 0x654321), null);
    assertEquals(STORAGE.location(saved.getString("filename")), saved.getString("path"));
    try (Response response = CLIENT.target(absolute(saved.getString("url"))).request().head()) {
      assertEquals("public, max-age=600, immutable", response.getHeaderString("Cache-Control"));
    }
  }

  private void assertRefused(byte[] png, int status) {
    List<String> before = STORAGE.names();
    try (Response response = saveRaw(png, null)) {
      assertError(response, status);
    }
    assertEquals(before, STORAGE.names());
  }
}
