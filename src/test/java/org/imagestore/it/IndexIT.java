package org.imagestore.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
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
import java.util.stream.Stream;
import org.imagestore.client.BatchDeleted;
import org.imagestore.client.DeleteImages;
import org.imagestore.client.ImageEntry;
import org.imagestore.client.ImageQuery;
import org.imagestore.client.Reconciliation;
import org.imagestore.client.SavedImage;
import org.imagestore.client.StorageStats;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
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

  private long count(ImageQuery query) {
    return images.list(query).count();
  }

  @Test
  void reindexPicksUpWhatChangedBehindTheServersBack() throws Exception {
    SavedImage kept =
        images.save(Pngs.flat(5, 5, 3), Json.createObjectBuilder().add("prompt", "kept").build());
    String removed = images.save(Pngs.flat(6, 6, 4), null).filename();
    STORAGE.delete(removed);
    STORAGE.delete(removed.replace(".png", ".json"));
    STORAGE.writeSeedImage("20240301_090000", Pngs.flat(7, 7, 5), "copied in by hand");
    String keptSidecar = kept.filename().replace(".png", ".json");
    STORAGE.writeString(
        keptSidecar, STORAGE.readString(keptSidecar).replace("\"kept\"", "\"edited by hand\""));
    STORAGE.markChanged(keptSidecar);

    Reconciliation report = images.reindex();
    assertEquals(1, report.added());
    assertEquals(1, report.updated());
    assertEquals(1, report.removed());

    assertEquals(1, count(ImageQuery.all().q("copied in by hand")));
    assertEquals(1, count(ImageQuery.all().q("EDITED")));
    assertEquals(0, count(ImageQuery.all().q("kept")));
    assertTrue(
        images.stream(ImageQuery.all()).noneMatch(image -> image.filename().equals(removed)));

    Reconciliation again = images.reindex();
    assertEquals(0, again.added() + again.updated() + again.removed());
  }

  @Test
  void storageStatsMatchWhatIsOnDisk() {
    images.save(Pngs.flat(9, 9, 6), null);
    StorageStats stats = images.stats();
    long pngs = STORAGE.names().stream().filter(n -> n.endsWith(".png")).count();
    assertEquals(pngs, stats.count());
    assertEquals(STORAGE.imageBytes(), stats.totalBytes());
    List<ImageEntry> newestFirst = images.stream(ImageQuery.all()).toList();
    assertEquals(newestFirst.get(newestFirst.size() - 1).createdAt(), stats.oldestCreatedAt());
    assertEquals(newestFirst.get(0).createdAt(), stats.newestCreatedAt());
    if (S3Session.active()) {
      assertNull(stats.volumeBytes(), "a bucket has no volume: " + stats);
      assertNull(stats.freeBytes(), stats::toString);
      assertNull(stats.usableBytes(), stats::toString);
      // The contract leaves the keys out rather than sending nulls.
      JsonObject wire = target("api/storage-stats").request().get(JsonObject.class);
      assertFalse(wire.containsKey("volume_bytes"), wire::toString);
      assertFalse(wire.containsKey("free_bytes"), wire::toString);
      assertFalse(wire.containsKey("usable_bytes"), wire::toString);
    } else {
      assertTrue(stats.usableBytes() > 0);
      assertTrue(stats.freeBytes() >= stats.usableBytes());
      assertTrue(stats.volumeBytes() >= stats.freeBytes());
    }
    assertTrue(stats.indexReady());
  }

  @Test
  void batchDeleteReportsInvalidAndUnknownNamesAndTouchesNothingElse() {
    String a = images.save(Pngs.flat(3, 3, 7), null).filename();
    String b = images.save(Pngs.flat(3, 4, 8), null).filename();
    BatchDeleted result =
        images.deleteImages(
            DeleteImages.filenames(
                List.of(
                    a,
                    b,
                    "generated_20000101_000000_unknown.png",
                    "../" + OUTSIDE,
                    a.replace(".png", ".json"),
                    "notes.txt")));
    assertEquals(2, result.deleted());
    assertEquals(List.of(a, b), result.filenames());
    assertEquals(3, result.invalid().size());
    assertEquals(1, result.notFound().size());
    assertFalse(STORAGE.exists(a));
    assertFalse(STORAGE.exists(b.replace(".png", ".json")));
    assertTrue(STORAGE.exists("notes.txt"));
    assertTrue(STORAGE.existsBeside(OUTSIDE));
  }

  @Test
  void batchDeleteByDateTakesExactlyTheOlderImages() {
    STORAGE.writeSeedImage("20190101_000000", Pngs.flat(4, 4, 9), "older still");
    images.reindex();
    String recent = images.save(Pngs.flat(4, 5, 10), null).filename();

    BatchDeleted before = images.deleteImages(DeleteImages.before("2019-06-01"));
    assertEquals(List.of("generated_20190101_000000.png"), before.filenames());

    BatchDeleted old = images.deleteImages(DeleteImages.olderThanDays(365));
    assertTrue(old.filenames().stream().allMatch(n -> n.startsWith("generated_20")));
    assertTrue(STORAGE.exists(recent));
    assertFalse(STORAGE.exists("generated_20200101_120000.png"));
    assertFalse(STORAGE.exists("generated_20200101_120000.json"));
    assertTrue(STORAGE.exists("notes.txt"));
    assertEquals(0, count(ImageQuery.all().until("2021-01-01")));
  }

  static Stream<DeleteImages> badBatchDeletes() {
    return Stream.of(
        new DeleteImages(null, null, null),
        DeleteImages.olderThanDays(-1),
        DeleteImages.before("soon"),
        new DeleteImages(null, 3L, "2020-01-01"));
  }

  @ParameterizedTest
  @MethodSource("badBatchDeletes")
  void badBatchDeletesGet400(DeleteImages request) {
    List<String> before = STORAGE.names();
    assertRefused(400, () -> images.deleteImages(request));
    assertEquals(before, STORAGE.names());
  }

  /** Bodies that the typed client cannot send: not JSON, not an object, wrong types. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "[]",
        "not json",
        "{\"filenames\": \"x.png\"}",
        "{\"filenames\": [1]}",
        "{\"older_than_days\": 1.5}",
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
