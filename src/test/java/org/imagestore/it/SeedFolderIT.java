package org.imagestore.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A folder written by the seed's Python back end (no suffixes, naive timestamps, sidecars without
 * the new fields, an image without a sidecar), deployed under another context root and zone.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SeedFolderIT extends ImageStoreTestBase {
  private static final TestStorage STORAGE = Deployments.freshStorage("seed");
  private static final byte[] FIRST = Pngs.flat(768, 768, 0x204080);
  private static final byte[] SECOND = Pngs.noise(64, 64, 5);
  private static final byte[] NO_SIDECAR = Pngs.flat(512, 256, 0x808080);
  private static final String SEED_METADATA =
      """
      {"prompt": "beautiful landscape, mountains, sunset",
       "negative_prompt": "bad quality, blurry", "width": 768, "height": 768, "steps": 20,
       "cfg_scale": 7.5, "sampler_name": "DPM++ 2M Karras", "model": "AnythingV4_v45",
       "source": "manual"}""";

  @Deployment(testable = false)
  static WebArchive app() throws Exception {
    STORAGE.write("generated_20251029_101530.png", FIRST);
    STORAGE.writeString(
        "generated_20251029_101530.json",
        "{\n  \"filename\": \"generated_20251029_101530.png\",\n"
            + "  \"created_at\": \"2025-10-29T10:15:30.123456\",\n"
            + "  \"metadata\": "
            + SEED_METADATA
            + "\n}\n");
    STORAGE.write("generated_20251029_102045.png", SECOND);
    STORAGE.writeString(
        "generated_20251029_102045.json",
        "{\"filename\": \"generated_20251029_102045.png\", \"created_at\": \"2025-10-29T10:20:45\","
            + " \"metadata\": {\"prompt\": \"a cat\", \"model\": \"sdxl\"}}");
    STORAGE.write("generated_20251030_080000.png", NO_SIDECAR);
    STORAGE.writeString("notes.txt", "not an image");
    if (!S3Session.active()) {
      STORAGE.writeString(".imagestore-crashed.tmp", "half a write");
      age(".imagestore-crashed.tmp");
      // Another server's save under way in a shared folder: young, so it stays.
      STORAGE.writeString(".imagestore-writing.tmp", "a write under way");
    }
    return Deployments.war("/legacy", STORAGE, Map.of("imagestore.zone", "Asia/Ho_Chi_Minh"));
  }

  private JsonArray listAll() {
    try (Response response = target("api/list-images").request().get()) {
      assertEquals(200, response.getStatus());
      JsonObject page = response.readEntity(JsonObject.class);
      assertEquals(page.getJsonArray("images").size(), page.getInt("count"));
      return page.getJsonArray("images");
    }
  }

  @Test
  void listsTheSeedImagesNewestFirstWithOffsetsInTheConfiguredZone() {
    JsonArray images = listAll();
    assertEquals(3, images.size());
    JsonObject newest = images.getJsonObject(0);
    assertEquals("generated_20251030_080000.png", newest.getString("filename"));
    assertEquals("2025-10-30T08:00:00.000000+07:00", newest.getString("created_at"));
    assertEquals(512, newest.getInt("width"));
    assertEquals(256, newest.getInt("height"));
    assertEquals(NO_SIDECAR.length, newest.getInt("size"));
    assertEquals(JsonObject.EMPTY_JSON_OBJECT, newest.getJsonObject("metadata"));

    JsonObject middle = images.getJsonObject(1);
    assertEquals("generated_20251029_102045.png", middle.getString("filename"));
    assertEquals("2025-10-29T10:20:45.000000+07:00", middle.getString("created_at"));

    JsonObject oldest = images.getJsonObject(2);
    assertEquals("generated_20251029_101530.png", oldest.getString("filename"));
    assertEquals("/legacy/storage/images/generated_20251029_101530.png", oldest.getString("url"));
    assertEquals("2025-10-29T10:15:30.123456+07:00", oldest.getString("created_at"));
    assertEquals(
        Json.createReader(new StringReader(SEED_METADATA)).readObject(),
        oldest.getJsonObject("metadata"));
  }

  @Test
  void servesTheSeedImagesUnderTheContextRoot() {
    assertArrayEquals(FIRST, download("/legacy/storage/images/generated_20251029_101530.png"));
    assertArrayEquals(NO_SIDECAR, download("/legacy/storage/images/generated_20251030_080000.png"));
  }

  @Test
  void filtersWorkOnSeedMetadataWithManualAsTheDefaultSource() {
    // One sidecar says manual, one has no source, one image has no sidecar: all are manual.
    assertEquals(3, count("source", "manual"));
    assertEquals(0, count("source", "text2image_tool"));
    assertEquals(1, count("model", "sdxl"));
    assertEquals(1, count("q", "MOUNTAINS"));
    assertEquals(2, count("until", "2025-10-29"));
    assertEquals(2, count("since", "2025-10-29T10:20:00"));
  }

  private int count(String parameter, String value) {
    try (Response response =
        target("api/list-images").queryParam(parameter, value).request().get()) {
      assertEquals(200, response.getStatus());
      return response.readEntity(JsonObject.class).getInt("count");
    }
  }

  @Test
  void newSavesGetUrlsAndLocationUnderTheContextRoot() {
    try (Response response = saveRaw(Pngs.flat(4, 4, 1), null)) {
      assertEquals(201, response.getStatus());
      JsonObject saved = response.readEntity(JsonObject.class);
      assertTrue(saved.getString("url").startsWith("/legacy/storage/images/generated_"));
      assertTrue(saved.getString("created_at").endsWith("+07:00"));
      assertEquals(absolute(saved.getString("url")), response.getLocation().toString());
      try (Response delete =
          target("api/delete-image/" + saved.getString("filename")).request().delete()) {
        assertEquals(200, delete.getStatus());
      }
    }
  }

  @Test
  @Order(Integer.MAX_VALUE)
  void aSeedImageCanBeDeletedWithItsSidecarAndOtherFilesStay() {
    try (Response response =
        target("api/delete-image/generated_20251029_102045.png").request().delete()) {
      assertEquals(200, response.getStatus());
    }
    assertFalse(STORAGE.exists("generated_20251029_102045.png"));
    assertFalse(STORAGE.exists("generated_20251029_102045.json"));
    assertTrue(STORAGE.exists("notes.txt"));
    assertTrue(STORAGE.exists("generated_20251029_101530.json"));
  }

  @Test
  @FilesystemOnly
  void oldTempFilesOfAnInterruptedWriteAreRemovedAtStartUpYoungOnesKept() {
    assertFalse(STORAGE.exists(".imagestore-crashed.tmp"));
    assertTrue(STORAGE.exists(".imagestore-writing.tmp"));
  }

  /** Makes a file look written an hour ago. */
  private static void age(String name) {
    try {
      Files.setLastModifiedTime(
          STORAGE.folder().resolve(name), FileTime.from(Instant.now().minusSeconds(3600)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
