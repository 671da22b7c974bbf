package org.imagestore.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.imagestore.client.ImageEntry;
import org.imagestore.client.ImageList;
import org.imagestore.client.ImageQuery;
import org.imagestore.client.SavedImage;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** GET /api/list-images over 25 images saved with different prompts, models and sources. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ListImagesIT extends ImageStoreTestBase {
  private static final TestStorage STORAGE = Deployments.freshStorage("list");
  private static final int IMAGES = 25;

  /** Save answers, oldest first. */
  private final List<SavedImage> saved = new ArrayList<>();

  private final Map<String, JsonObject> metadataByName = new HashMap<>();

  @Deployment(testable = false)
  static WebArchive app() {
    return Deployments.war("/", STORAGE, Map.of());
  }

  /** Once per class; the deployment's URL is injected only before each test. */
  @BeforeEach
  void saveImagesOnce() {
    if (!saved.isEmpty()) {
      return;
    }
    for (int i = 0; i < IMAGES; i++) {
      JsonObject metadata =
          Json.createObjectBuilder()
              .add("prompt", (i % 5 == 0 ? "A Red Fox in snow #" : "mountain lake #") + i)
              .add("model", i % 2 == 0 ? "sdxl" : "AnythingV4_v45")
              .add("source", i % 3 == 0 ? "text2image_tool" : "manual")
              .add("cfg_scale", 7.5)
              .add("index", i)
              .build();
      SavedImage answer = images.save(Pngs.flat(8 + i, 8, 0x010101 * i), metadata);
      saved.add(answer);
      metadataByName.put(answer.filename(), metadata);
    }
  }

  private long count(ImageQuery query) {
    return images.list(query).count();
  }

  @Test
  void newestFirstWithTheSavedFieldsAndMetadataUnchanged() {
    ImageList page = images.list(ImageQuery.all());
    assertEquals(IMAGES, page.count());
    assertEquals(100, page.limit());
    assertEquals(0, page.offset());
    assertNull(page.nextCursor(), "every image is on the first page");
    assertEquals(IMAGES, page.images().size());
    for (int i = 0; i < IMAGES; i++) {
      ImageEntry entry = page.images().get(i);
      SavedImage expected = saved.get(IMAGES - 1 - i);
      assertEquals(expected.filename(), entry.filename());
      assertEquals(expected.url(), entry.url());
      assertEquals(expected.createdAt(), entry.createdAt());
      assertEquals(expected.size(), entry.size());
      assertEquals(expected.width(), entry.width());
      assertEquals(8, entry.height());
      assertEquals(metadataByName.get(entry.filename()), entry.metadata());
    }
  }

  @Test
  void pagingVisitsEveryImageExactlyOnceInOrder() {
    Set<String> seen = new HashSet<>();
    Instant previous = Instant.MAX;
    for (int offset = 0; offset < IMAGES + 7; offset += 7) {
      ImageList page = images.list(ImageQuery.all().limit(7).offset(offset));
      assertEquals(IMAGES, page.count());
      assertEquals(7, page.limit());
      assertEquals(offset, page.offset());
      for (ImageEntry entry : page.images()) {
        assertTrue(seen.add(entry.filename()), "seen twice: " + entry);
        Instant created = OffsetDateTime.parse(entry.createdAt()).toInstant();
        assertTrue(!created.isAfter(previous), "not newest first");
        previous = created;
      }
    }
    assertEquals(IMAGES, seen.size());
  }

  @Test
  void theCursorLeadsThroughEveryPageInOrderAndIsAbsentOnTheLast() {
    List<String> newestFirst = new ArrayList<>(saved.stream().map(SavedImage::filename).toList());
    Collections.reverse(newestFirst);
    List<String> visited = new ArrayList<>();
    ImageList page = images.list(ImageQuery.all().limit(7));
    while (page.nextCursor() != null) {
      assertEquals(7, page.images().size());
      page.images().forEach(entry -> visited.add(entry.filename()));
      page = images.list(ImageQuery.all().limit(7).cursor(page.nextCursor()));
      assertEquals(IMAGES, page.count());
    }
    page.images().forEach(entry -> visited.add(entry.filename()));
    assertEquals(newestFirst, visited);
    assertEquals(
        newestFirst, images.stream(ImageQuery.all().limit(7)).map(ImageEntry::filename).toList());
  }

  @Test
  void qSearchesThePromptIgnoringCase() {
    ImageList page = images.list(ImageQuery.all().q("red FOX"));
    assertEquals(5, page.count());
    for (ImageEntry entry : page.images()) {
      assertTrue(entry.metadata().getString("prompt").startsWith("A Red Fox"));
    }
  }

  @Test
  void modelAndSourceFilterAndCombine() {
    assertEquals(13, count(ImageQuery.all().model("sdxl")));
    assertEquals(9, count(ImageQuery.all().source("text2image_tool")));
    // index % 2 == 0 and index % 3 == 0: 0, 6, 12, 18, 24
    assertEquals(5, count(ImageQuery.all().model("sdxl").source("text2image_tool")));
    assertEquals(0, count(ImageQuery.all().model("SDXL")));
    assertEquals(
        5,
        images.stream(ImageQuery.all().model("sdxl").source("text2image_tool").limit(2)).count());
  }

  @Test
  void sinceAndUntilBoundTheCreationTime() {
    String tenth = OffsetDateTime.parse(saved.get(10).createdAt()).toInstant().toString();
    String twentieth = OffsetDateTime.parse(saved.get(20).createdAt()).toInstant().toString();
    assertEquals(IMAGES - 10, count(ImageQuery.all().since(tenth)));
    assertEquals(21, count(ImageQuery.all().until(twentieth)));
    assertEquals(11, count(ImageQuery.all().since(tenth).until(twentieth)));
    assertEquals(0, count(ImageQuery.all().until("2001-01-01")));
    assertEquals(IMAGES, count(ImageQuery.all().since("2001-01-01")));
  }

  @Test
  void anOffsetPastTheEndGivesAnEmptyPageAndTheCount() {
    ImageList page = images.list(ImageQuery.all().offset(1000));
    assertEquals(IMAGES, page.count());
    assertEquals(0, page.images().size());
    assertNull(page.nextCursor());
  }

  /**
   * Raw: the parameters exactly as sent on the wire, most of which (not a number, repeated,
   * unknown) the typed client cannot send.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "limit=0",
        "limit=1001",
        "limit=abc",
        "limit=-5",
        "offset=-1",
        "offset=1.5",
        "since=yesterday",
        "until=2025-13-45",
        "limit=5&limit=6",
        "colour=blue",
        "sort=oldest"
      })
  void badParametersGet400(String query) {
    String[] pair = query.split("&");
    WebTarget target = target("api/list-images");
    for (String p : pair) {
      String[] kv = p.split("=", 2);
      target = target.queryParam(kv[0], kv[1]);
    }
    try (Response response = target.request().get()) {
      assertError(response, 400);
    }
  }
}
