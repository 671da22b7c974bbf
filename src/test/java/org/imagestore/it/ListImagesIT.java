package org.imagestore.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
  private final List<JsonObject> saved = new ArrayList<>();

  private final Map<String, JsonObject> metadataByName = new java.util.HashMap<>();

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
      JsonObject answer = save(Pngs.flat(8 + i, 8, 0x010101 * i), metadata);
      saved.add(answer);
      metadataByName.put(answer.getString("filename"), metadata);
    }
  }

  private JsonObject list(WebTarget target) {
    try (Response response = target.request().get()) {
      assertEquals(200, response.getStatus());
      return response.readEntity(JsonObject.class);
    }
  }

  private WebTarget listing() {
    return target("api/list-images");
  }

  @Test
  void newestFirstWithTheSavedFieldsAndMetadataUnchanged() {
    JsonObject page = list(listing());
    assertEquals(IMAGES, page.getInt("count"));
    assertEquals(100, page.getInt("limit"));
    assertEquals(0, page.getInt("offset"));
    var images = page.getJsonArray("images");
    assertEquals(IMAGES, images.size());
    for (int i = 0; i < IMAGES; i++) {
      JsonObject entry = images.getJsonObject(i);
      JsonObject expected = saved.get(IMAGES - 1 - i);
      assertEquals(expected.getString("filename"), entry.getString("filename"));
      assertEquals(expected.getString("url"), entry.getString("url"));
      assertEquals(expected.getString("created_at"), entry.getString("created_at"));
      assertEquals(expected.getInt("size"), entry.getInt("size"));
      assertEquals(expected.getInt("width"), entry.getInt("width"));
      assertEquals(8, entry.getInt("height"));
      assertEquals(
          metadataByName.get(entry.getString("filename")), entry.getJsonObject("metadata"));
    }
  }

  @Test
  void pagingVisitsEveryImageExactlyOnceInOrder() {
    Set<String> seen = new HashSet<>();
    Instant previous = Instant.MAX;
    for (int offset = 0; offset < IMAGES + 7; offset += 7) {
      JsonObject page = list(listing().queryParam("limit", 7).queryParam("offset", offset));
      assertEquals(IMAGES, page.getInt("count"));
      assertEquals(7, page.getInt("limit"));
      assertEquals(offset, page.getInt("offset"));
      for (JsonValue value : page.getJsonArray("images")) {
        JsonObject entry = value.asJsonObject();
        assertTrue(seen.add(entry.getString("filename")), "seen twice: " + entry);
        Instant created = OffsetDateTime.parse(entry.getString("created_at")).toInstant();
        assertTrue(!created.isAfter(previous), "not newest first");
        previous = created;
      }
    }
    assertEquals(IMAGES, seen.size());
  }

  @Test
  void qSearchesThePromptIgnoringCase() {
    JsonObject page = list(listing().queryParam("q", "red FOX"));
    assertEquals(5, page.getInt("count"));
    for (JsonValue v : page.getJsonArray("images")) {
      assertTrue(
          v.asJsonObject().getJsonObject("metadata").getString("prompt").startsWith("A Red Fox"));
    }
  }

  @Test
  void modelAndSourceFilterAndCombine() {
    assertEquals(13, list(listing().queryParam("model", "sdxl")).getInt("count"));
    assertEquals(9, list(listing().queryParam("source", "text2image_tool")).getInt("count"));
    // index % 2 == 0 and index % 3 == 0: 0, 6, 12, 18, 24
    JsonObject both =
        list(listing().queryParam("model", "sdxl").queryParam("source", "text2image_tool"));
    assertEquals(5, both.getInt("count"));
    assertEquals(0, list(listing().queryParam("model", "SDXL")).getInt("count"));
  }

  @Test
  void sinceAndUntilBoundTheCreationTime() {
    Instant tenth = OffsetDateTime.parse(saved.get(10).getString("created_at")).toInstant();
    Instant twentieth = OffsetDateTime.parse(saved.get(20).getString("created_at")).toInstant();
    assertEquals(
        IMAGES - 10, list(listing().queryParam("since", tenth.toString())).getInt("count"));
    assertEquals(21, list(listing().queryParam("until", twentieth.toString())).getInt("count"));
    assertEquals(
        11,
        list(listing()
                .queryParam("since", tenth.toString())
                .queryParam("until", twentieth.toString()))
            .getInt("count"));
    assertEquals(0, list(listing().queryParam("until", "2001-01-01")).getInt("count"));
    assertEquals(IMAGES, list(listing().queryParam("since", "2001-01-01")).getInt("count"));
  }

  @Test
  void anOffsetPastTheEndGivesAnEmptyPageAndTheCount() {
    JsonObject page = list(listing().queryParam("offset", 1000));
    assertEquals(IMAGES, page.getInt("count"));
    assertEquals(0, page.getJsonArray("images").size());
  }

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
    WebTarget target = listing();
    for (String p : pair) {
      String[] kv = p.split("=", 2);
      target = target.queryParam(kv[0], kv[1]);
    }
    try (Response response = target.request().get()) {
      assertError(response, 400);
    }
  }
}
