package org.imagestore.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.core.Response;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import org.imagestore.client.ImageQuery;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * imagestore.dedup=true: bytes already stored are answered with the image there (200, {@code
 * "duplicate": true}), whichever form brings them, and nothing is written. (Without it, the same
 * bytes twice are two images: UploadFormsIT.)
 */
class DedupIT extends ImageStoreTestBase {
  private static final TestStorage STORAGE = Deployments.freshStorage("dedup");

  @Deployment(testable = false)
  static WebArchive app() {
    return Deployments.war("/", STORAGE, Map.of("imagestore.dedup", "true"));
  }

  @Test
  void theSameBytesAgainAreAnsweredWithTheStoredImageInEveryForm() {
    byte[] png = Pngs.realistic(96, 64, 21);
    long before = images.list(ImageQuery.all()).count();
    String body = Json.createObjectBuilder().add("image", Pngs.base64(png)).build().toString();
    JsonObject first = answer(post("api/save-image", body), 201);
    assertFalse(first.containsKey("duplicate"), first.toString());
    String name = first.getString("filename");
    List<String> stored = STORAGE.names();

    JsonObject again = answer(post("api/save-image", body), 200);
    JsonObject raw = answer(saveRaw(png, "{\"prompt\": \"other metadata\"}"), 200);
    JsonObject form = answer(saveForm(png, null), 200);
    for (JsonObject duplicate : List.of(again, raw, form)) {
      assertTrue(duplicate.getBoolean("duplicate"), duplicate.toString());
      assertEquals(name, duplicate.getString("filename"));
      assertEquals(first.getString("url"), duplicate.getString("url"));
      assertEquals(png.length, duplicate.getInt("size"));
    }
    assertEquals(stored, STORAGE.names(), "a duplicate wrote nothing");
    assertEquals(before + 1, images.list(ImageQuery.all()).count());
  }

  @Test
  void otherBytesAndBytesSavedAfterTheirDeleteAreNewImages() {
    byte[] png = Pngs.realistic(96, 64, 22);
    String first = images.save(png, null).filename();
    String other = images.save(Pngs.realistic(96, 64, 23), null).filename();
    assertNotEquals(first, other);
    images.delete(first);
    String again;
    try (Response response = saveRaw(png, null)) {
      again = answer(response, 201).getString("filename");
    }
    assertNotEquals(first, again);
    assertTrue(STORAGE.exists(again));
  }

  private static JsonObject answer(Response response, int status) {
    try (response) {
      String body = response.readEntity(String.class);
      assertEquals(status, response.getStatus(), body);
      JsonObject answer = Json.createReader(new StringReader(body)).readObject();
      assertTrue(response.getLocation().toString().endsWith(answer.getString("url")), body);
      return answer;
    }
  }
}
