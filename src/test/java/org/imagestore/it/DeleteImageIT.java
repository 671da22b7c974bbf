package org.imagestore.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.ws.rs.core.Response;
import java.util.Map;
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
    JsonObject saved = save(Pngs.flat(10, 10, 0x00ff00), null);
    String filename = saved.getString("filename");
    assertTrue(STORAGE.exists(filename.replace(".png", ".json")));

    try (Response response = target("api/delete-image/" + filename).request().delete()) {
      assertEquals(200, response.getStatus());
      JsonObject body = response.readEntity(JsonObject.class);
      assertTrue(body.getBoolean("success"));
      assertEquals(filename, body.getString("filename"));
    }
    assertFalse(STORAGE.exists(filename));
    assertFalse(STORAGE.exists(filename.replace(".png", ".json")));
    try (Response get = CLIENT.target(absolute(saved.getString("url"))).request().get()) {
      assertError(get, 404);
    }
    try (Response list = target("api/list-images").request().get()) {
      assertFalse(list.readEntity(String.class).contains(filename));
    }
  }

  @Test
  void anUnknownNameGets404() {
    try (Response response =
        target("api/delete-image/generated_20000101_000000_gone.png").request().delete()) {
      assertError(response, 404);
    }
  }

  @Test
  void deletingTwiceGets404TheSecondTime() {
    String filename = save(Pngs.flat(3, 3, 0x0000ff), null).getString("filename");
    try (Response first = target("api/delete-image/" + filename).request().delete()) {
      assertEquals(200, first.getStatus());
    }
    try (Response second = target("api/delete-image/" + filename).request().delete()) {
      assertError(second, 404);
    }
  }

  @Test
  void aSidecarNameIsNotAnImageName() {
    String filename = save(Pngs.flat(3, 3, 0x0000ff), null).getString("filename");
    String sidecar = filename.replace(".png", ".json");
    try (Response response = target("api/delete-image/" + sidecar).request().delete()) {
      assertError(response, 400);
    }
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
