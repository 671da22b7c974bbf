package org.imagestore.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.imagestore.client.DeleteImages;
import org.imagestore.client.ImageQuery;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * The audit trail: a line of JSON in the server log for each save and delete, refused ones too, and
 * none for reads.
 */
class AuditIT extends ImageStoreTestBase {
  private static final TestStorage STORAGE = Deployments.freshStorage("audit");

  @Deployment(testable = false)
  static WebArchive app() {
    return Deployments.war("/audit", STORAGE, Map.of());
  }

  @Test
  void everySaveAndDeleteIsOneLineWithNameOutcomeAndClient() throws Exception {
    long start = TestServer.logLength();
    String kept = images.save(Pngs.flat(4, 4, 0x102030), null).filename();
    String deleted = images.save(Pngs.flat(5, 5, 0x203040), null).filename();
    String batched = images.save(Pngs.flat(6, 6, 0x304050), null).filename();
    images.delete(deleted);
    // Reads are not audited: no line for these.
    images.list(ImageQuery.all());
    images.stats();
    String unknown = "generated_20000101_000000_gone.png";
    assertRefused(404, () -> images.delete(unknown));
    images.deleteImages(DeleteImages.filenames(List.of(batched, "../etc/passwd")));
    assertRefused(415, () -> images.save(new byte[] {1, 2, 3}, null));

    List<JsonObject> lines = awaitLines(start, 7);
    assertEquals(
        List.of(
            "save 201 " + kept,
            "save 201 " + deleted,
            "save 201 " + batched,
            "delete 200 " + deleted,
            "delete 404 " + unknown,
            "delete-images 200 " + batched,
            "save 415 null"),
        lines.stream()
            .map(l -> l.getString("action") + " " + l.getInt("status") + " " + name(l))
            .toList());
    for (JsonObject line : lines) {
      assertTrue(
          InetAddress.getByName(line.getString("client")).isLoopbackAddress(), line::toString);
    }
    assertEquals("refused", lines.get(4).getString("outcome"));
    assertEquals("ok", lines.get(0).getString("outcome"));
    assertTrue(STORAGE.exists(kept), "the audit changes nothing");
  }

  private static String name(JsonObject line) {
    return line.isNull("name") ? "null" : line.getString("name");
  }

  /** The audit lines the log has past {@code start}, waiting for servers that write it late. */
  private static List<JsonObject> awaitLines(long start, int count) throws InterruptedException {
    List<JsonObject> lines = List.of();
    for (int i = 0; i < 100 && lines.size() < count; i++) {
      Thread.sleep(100);
      lines = auditLines(TestServer.logSince(start));
    }
    return lines;
  }

  private static List<JsonObject> auditLines(String log) {
    List<JsonObject> lines = new ArrayList<>();
    for (String line : log.split("\n")) {
      int marker = line.indexOf("imagestore-audit {");
      if (marker >= 0) {
        String json = line.substring(line.indexOf('{', marker), line.lastIndexOf('}') + 1);
        lines.add(Json.createReader(new StringReader(json)).readObject());
      }
    }
    return lines;
  }
}
