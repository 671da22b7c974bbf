package org.imagestore.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.imagestore.client.Deleted;
import org.imagestore.client.ImageQuery;
import org.imagestore.client.SavedImage;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** DELETE /api/delete-image/{filename}. */
class DeleteImageIT extends ImageStoreTestBase {
  private static final TestStorage STORAGE = Deployments.freshStorage("delete");
  private static final String OUTSIDE = "generated_20200101_000000_keepme.png";

  @Deployment(testable = false)
  static WebArchive app() throws Exception {
    STORAGE.writeBeside(OUTSIDE, Pngs.flat(2, 2, 0xff0000));
    STORAGE.writeBeside("generated_20200101_000000_keepme.json", "{}".getBytes(UTF_8));
    return Deployments.war("/", STORAGE, Map.of());
  }

  @Test
  void deletesTheImageAndItsSidecar() {
    SavedImage saved = images.save(Pngs.flat(10, 10, 0x00ff00), null);
    String filename = saved.filename();
    assertTrue(STORAGE.exists(filename.replace(".png", ".json")));

    Deleted deleted = images.delete(filename);
    assertTrue(deleted.success());
    assertEquals(filename, deleted.filename());
    assertFalse(STORAGE.exists(filename));
    assertFalse(STORAGE.exists(filename.replace(".png", ".json")));
    assertRefused(404, () -> images.image(filename, null));
    assertTrue(
        images.stream(ImageQuery.all()).noneMatch(image -> image.filename().equals(filename)));
  }

  @Test
  void anUnknownNameGets404() {
    assertRefused(404, () -> images.delete("generated_20000101_000000_gone.png"));
  }

  @Test
  void deletingTwiceGets404TheSecondTime() {
    String filename = images.save(Pngs.flat(3, 3, 0x0000ff), null).filename();
    images.delete(filename);
    assertRefused(404, () -> images.delete(filename));
  }

  @Test
  void aSidecarNameIsNotAnImageName() {
    String filename = images.save(Pngs.flat(3, 3, 0x0000ff), null).filename();
    String sidecar = filename.replace(".png", ".json");
    assertRefused(400, () -> images.delete(sidecar));
    assertTrue(STORAGE.exists(sidecar));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/api/delete-image/../" + OUTSIDE,
        "/api/delete-image/..%2f" + OUTSIDE,
        "/api/delete-image/..%2F" + OUTSIDE,
        "/api/delete-image/%2e%2e%2f" + OUTSIDE,
        "/api/delete-image/%252e%252e%252f" + OUTSIDE,
        "/api/delete-image/..%5c" + OUTSIDE,
        "/api/delete-image/..\\" + OUTSIDE,
        "/api/delete-image/%2fetc%2fpasswd",
        "/api/delete-image/generated_20200101_000000_keepme.json"
      })
  void namesOutsideTheStoredImagesTouchNothing(String rawPath) {
    RawHttp.Reply reply = RawHttp.request(base, "DELETE", rawPath);
    assertTrue(reply.status() == 400 || reply.status() == 404, rawPath + " -> " + reply.text());
    assertTrue(STORAGE.existsBeside(OUTSIDE));
    assertTrue(STORAGE.existsBeside("generated_20200101_000000_keepme.json"));
  }
}
