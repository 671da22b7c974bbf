package org.imagestore.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.imagestore.client.Deleted;
import org.imagestore.client.ImageEntry;
import org.imagestore.client.ImageList;
import org.imagestore.client.ImageQuery;
import org.imagestore.client.SavedImage;
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

  private List<ImageEntry> listAll() {
    ImageList page = images.list(ImageQuery.all());
    assertEquals(page.images().size(), page.count());
    return page.images();
  }

  @Test
  void listsTheSeedImagesNewestFirstWithOffsetsInTheConfiguredZone() {
    List<ImageEntry> listed = listAll();
    assertEquals(3, listed.size());
    ImageEntry newest = listed.get(0);
    assertEquals("generated_20251030_080000.png", newest.filename());
    assertEquals("2025-10-30T08:00:00.000000+07:00", newest.createdAt());
    assertEquals(512, newest.width());
    assertEquals(256, newest.height());
    assertEquals(NO_SIDECAR.length, newest.size());
    assertEquals(JsonObject.EMPTY_JSON_OBJECT, newest.metadata());

    ImageEntry middle = listed.get(1);
    assertEquals("generated_20251029_102045.png", middle.filename());
    assertEquals("2025-10-29T10:20:45.000000+07:00", middle.createdAt());

    ImageEntry oldest = listed.get(2);
    assertEquals("generated_20251029_101530.png", oldest.filename());
    assertEquals("/legacy/storage/images/generated_20251029_101530.png", oldest.url());
    assertEquals("2025-10-29T10:15:30.123456+07:00", oldest.createdAt());
    assertEquals(
        Json.createReader(new StringReader(SEED_METADATA)).readObject(), oldest.metadata());
  }

  @Test
  void servesTheSeedImagesUnderTheContextRoot() {
    // The client's base URL is the deployment's, /legacy/ included.
    assertEquals("/legacy/", base.getPath());
    assertArrayEquals(FIRST, bytesOf("generated_20251029_101530.png"));
    assertArrayEquals(NO_SIDECAR, bytesOf("generated_20251030_080000.png"));
  }

  @Test
  void filtersWorkOnSeedMetadataWithManualAsTheDefaultSource() {
    // One sidecar says manual, one has no source, one image has no sidecar: all are manual.
    assertEquals(3, count(ImageQuery.all().source("manual")));
    assertEquals(0, count(ImageQuery.all().source("text2image_tool")));
    assertEquals(1, count(ImageQuery.all().model("sdxl")));
    assertEquals(1, count(ImageQuery.all().q("MOUNTAINS")));
    assertEquals(2, count(ImageQuery.all().until("2025-10-29")));
    assertEquals(2, count(ImageQuery.all().since("2025-10-29T10:20:00")));
  }

  private long count(ImageQuery query) {
    return images.list(query).count();
  }

  @Test
  void newSavesGetUrlsAndLocationUnderTheContextRoot() {
    SavedImage saved = images.save(Pngs.flat(4, 4, 1), null);
    assertTrue(saved.url().startsWith("/legacy/storage/images/generated_"));
    assertTrue(saved.createdAt().endsWith("+07:00"));
    images.delete(saved.filename());

    // The Location header is not in the client's answer: read it on the wire.
    String body =
        Json.createObjectBuilder().add("image", Pngs.base64(Pngs.flat(4, 4, 2))).build().toString();
    try (Response response = post("api/save-image", body)) {
      assertEquals(201, response.getStatus());
      JsonObject onTheWire = response.readEntity(JsonObject.class);
      assertTrue(onTheWire.getString("url").startsWith("/legacy/storage/images/generated_"));
      assertEquals(absolute(onTheWire.getString("url")), response.getLocation().toString());
      images.delete(onTheWire.getString("filename"));
    }
  }

  @Test
  @Order(Integer.MAX_VALUE)
  void aSeedImageCanBeDeletedWithItsSidecarAndOtherFilesStay() {
    Deleted deleted = images.delete("generated_20251029_102045.png");
    assertTrue(deleted.success());
    assertEquals("generated_20251029_102045.png", deleted.filename());
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
