package org.imagestore.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.core.Response;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The index: reconciliation on demand, batch delete, storage statistics, readiness. */
class IndexIT extends ImageStoreTestBase {
  private static final TestStorage STORAGE = Deployments.freshStorage("index");
  private static final String OUTSIDE = "generated_20200101_000000_indexoutside.png";

  @Deployment(testable = false)
  static WebArchive app() throws Exception {
    STORAGE.writeBeside(OUTSIDE, Pngs.flat(2, 2, 0));
    STORAGE.writeSeedImage("20200101_120000", Pngs.flat(20, 20, 1), "old lighthouse");
    STORAGE.writeSeedImage("20200601_120000", Pngs.flat(21, 21, 2), "old harbour");
    STORAGE.writeString("notes.txt", "not an image");
    return Deployments.war("/index", STORAGE, Map.of("imagestore.zone", "UTC"));
  }

  private int count(String query) {
    return getJson("api/list-images" + query).getInt("count");
  }

  @Test
  void reindexPicksUpWhatChangedBehindTheServersBack() throws Exception {
    JsonObject kept =
        save(Pngs.flat(5, 5, 3), Json.createObjectBuilder().add("prompt", "kept").build());
    JsonObject removed = save(Pngs.flat(6, 6, 4), null);
    STORAGE.delete(removed.getString("filename"));
    STORAGE.delete(removed.getString("filename").replace(".png", ".json"));
    STORAGE.writeSeedImage("20240301_090000", Pngs.flat(7, 7, 5), "copied in by hand");
    String keptSidecar = kept.getString("filename").replace(".png", ".json");
    STORAGE.writeString(
        keptSidecar, STORAGE.readString(keptSidecar).replace("\"kept\"", "\"edited by hand\""));
    STORAGE.markChanged(keptSidecar);

    JsonObject report = postJson("api/admin/reindex", "");
    assertEquals(1, report.getInt("added"));
    assertEquals(1, report.getInt("updated"));
    assertEquals(1, report.getInt("removed"));

    assertEquals(1, count("?q=copied+in+by+hand"));
    assertEquals(1, count("?q=EDITED"));
    assertEquals(0, count("?q=kept"));
    assertFalse(getJson("api/list-images").toString().contains(removed.getString("filename")));

    JsonObject again = postJson("api/admin/reindex", "");
    assertEquals(0, again.getInt("added") + again.getInt("updated") + again.getInt("removed"));
  }

  @Test
  void storageStatsMatchWhatIsOnDisk() {
    save(Pngs.flat(9, 9, 6), null);
    JsonObject stats = getJson("api/storage-stats");
    long pngs = STORAGE.names().stream().filter(n -> n.endsWith(".png")).count();
    assertEquals(pngs, stats.getJsonNumber("count").longValue());
    assertEquals(STORAGE.imageBytes(), stats.getJsonNumber("total_bytes").longValue());
    var images = getJson("api/list-images?limit=1000").getJsonArray("images");
    assertEquals(
        images.getJsonObject(images.size() - 1).getString("created_at"),
        stats.getString("oldest_created_at"));
    assertEquals(
        images.getJsonObject(0).getString("created_at"), stats.getString("newest_created_at"));
    if (S3Session.active()) {
      assertFalse(stats.containsKey("volume_bytes"), "a bucket has no volume: " + stats);
      assertFalse(stats.containsKey("usable_bytes"), stats.toString());
    } else {
      assertTrue(stats.getJsonNumber("usable_bytes").longValue() > 0);
      assertTrue(
          stats.getJsonNumber("free_bytes").longValue()
              >= stats.getJsonNumber("usable_bytes").longValue());
      assertTrue(
          stats.getJsonNumber("volume_bytes").longValue()
              >= stats.getJsonNumber("free_bytes").longValue());
    }
    assertTrue(stats.getBoolean("index_ready"));
  }

  @Test
  void batchDeleteReportsInvalidAndUnknownNamesAndTouchesNothingElse() {
    String a = save(Pngs.flat(3, 3, 7), null).getString("filename");
    String b = save(Pngs.flat(3, 4, 8), null).getString("filename");
    String body =
        Json.createObjectBuilder()
            .add(
                "filenames",
                Json.createArrayBuilder()
                    .add(a)
                    .add(b)
                    .add("generated_20000101_000000_unknown.png")
                    .add("../" + OUTSIDE)
                    .add(a.replace(".png", ".json"))
                    .add("notes.txt"))
            .build()
            .toString();
    JsonObject result = postJson("api/delete-images", body);
    assertEquals(2, result.getInt("deleted"));
    assertEquals(
        List.of(a, b),
        result.getJsonArray("filenames").getValuesAs(jakarta.json.JsonString::getString));
    assertEquals(3, result.getJsonArray("invalid").size());
    assertEquals(1, result.getJsonArray("not_found").size());
    assertFalse(STORAGE.exists(a));
    assertFalse(STORAGE.exists(b.replace(".png", ".json")));
    assertTrue(STORAGE.exists("notes.txt"));
    assertTrue(STORAGE.existsBeside(OUTSIDE));
  }

  @Test
  void batchDeleteByDateTakesExactlyTheOlderImages() {
    STORAGE.writeSeedImage("20190101_000000", Pngs.flat(4, 4, 9), "older still");
    postJson("api/admin/reindex", "");
    String recent = save(Pngs.flat(4, 5, 10), null).getString("filename");

    JsonObject before = postJson("api/delete-images", "{\"before\": \"2019-06-01\"}");
    assertEquals(
        List.of("generated_20190101_000000.png"),
        before.getJsonArray("filenames").getValuesAs(jakarta.json.JsonString::getString));

    JsonObject old = postJson("api/delete-images", "{\"older_than_days\": 365}");
    assertTrue(
        old.getJsonArray("filenames").getValuesAs(jakarta.json.JsonString::getString).stream()
            .allMatch(n -> n.startsWith("generated_20")));
    assertTrue(STORAGE.exists(recent));
    assertFalse(STORAGE.exists("generated_20200101_120000.png"));
    assertFalse(STORAGE.exists("generated_20200101_120000.json"));
    assertTrue(STORAGE.exists("notes.txt"));
    assertEquals(0, count("?until=2021-01-01"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{}",
        "[]",
        "not json",
        "{\"filenames\": \"x.png\"}",
        "{\"filenames\": [1]}",
        "{\"older_than_days\": -1}",
        "{\"older_than_days\": 1.5}",
        "{\"before\": \"soon\"}",
        "{\"before\": \"2020-01-01\", \"older_than_days\": 3}",
        "{\"everything\": true}"
      })
  void badBatchDeleteBodiesGet400(String body) {
    List<String> before = STORAGE.names();
    try (Response response = post("api/delete-images", body)) {
      assertError(response, 400);
    }
    assertEquals(before, STORAGE.names());
  }

  @Test
  @FilesystemOnly
  void readinessIsUpAndGoesDownWhenTheFolderCannotBeWritten() throws Exception {
    assertEquals(200, readiness().getStatus());
    Path folder = STORAGE.folder();
    Path moved = folder.resolveSibling("index-moved-away");
    Files.move(folder, moved);
    // Root ignores permission bits, so "not writable" is a plain file where the folder was.
    Files.writeString(folder, "in the way");
    try {
      Response down = readiness();
      String body = down.readEntity(String.class);
      assertEquals(503, down.getStatus(), body);
      JsonObject check = healthCheck(body, "imagestore-storage");
      assertEquals("DOWN", check.getString("status"), body);
      // WildFly writes health data as JSON booleans, Payara as strings.
      JsonValue writable = check.getJsonObject("data").get("writable");
      assertEquals(
          "false",
          writable instanceof JsonString text ? text.getString() : writable.toString(),
          body);
    } finally {
      Files.delete(folder);
      Files.move(moved, folder);
    }
    assertEquals(200, readiness().getStatus());
  }

  @Test
  void livenessIsUpWhileTheApplicationAnswers() {
    try (Response live = CLIENT.target(TestServer.health("live")).request().get()) {
      String body = live.readEntity(String.class);
      assertEquals(200, live.getStatus(), body);
      JsonObject check = healthCheck(body, "imagestore");
      assertEquals("UP", check.getString("status"), body);
    }
  }

  private static JsonObject healthCheck(String body, String name) {
    return Json.createReader(new StringReader(body)).readObject().getJsonArray("checks").stream()
        .map(JsonValue::asJsonObject)
        .filter(c -> c.getString("name").equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no check " + name + " in " + body));
  }

  private Response readiness() {
    return CLIENT.target(TestServer.health("ready")).request().get();
  }
}
