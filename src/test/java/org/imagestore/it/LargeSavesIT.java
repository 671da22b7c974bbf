package org.imagestore.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * A burst of the largest saves the defaults allow, on a server with a stock 512 MB heap: each gets
 * 201 or a clean 503 asking to retry, the heap never runs out, and the server serves on.
 */
class LargeSavesIT extends ImageStoreTestBase {
  private static final TestStorage STORAGE = Deployments.freshStorage("large-saves");
  private static final int SAVES = 16;

  @Deployment(testable = false)
  static WebArchive app() {
    return Deployments.war("/", STORAGE, Map.of());
  }

  @Test
  void sixteenConcurrent20MiBSavesGet201Or503AndNeverExhaustTheHeap() throws Exception {
    byte[] png = Pngs.noise(2600, 2600, 11);
    assertTrue(png.length > 19 * 1024 * 1024 && png.length <= 20 * 1024 * 1024, "" + png.length);
    byte[] body =
        ("{\"image\":\"" + Pngs.base64(png) + "\",\"metadata\":{\"prompt\":\"large\"}}")
            .getBytes(StandardCharsets.US_ASCII);
    long logStart = TestServer.logLength();

    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
    for (int i = 0; i < SAVES; i++) {
      inFlight.add(
          http.sendAsync(
              HttpRequest.newBuilder(URI.create(base + "api/save-image"))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString()));
    }
    List<String> saved = new ArrayList<>();
    int busy = 0;
    for (var answer : inFlight) {
      HttpResponse<String> response = answer.join();
      JsonObject json = Json.createReader(new StringReader(response.body())).readObject();
      if (response.statusCode() == 201) {
        saved.add(json.getString("filename"));
        continue;
      }
      assertEquals(503, response.statusCode(), response.body());
      assertFalse(json.getBoolean("success"));
      assertTrue(
          Integer.parseInt(response.headers().firstValue("Retry-After").orElseThrow()) > 0,
          "Retry-After");
      busy++;
    }
    System.out.printf("%d saves: %d x 201, %d x 503%n", SAVES, saved.size(), busy);
    assertEquals(SAVES, saved.size() + busy);
    assertFalse(saved.isEmpty(), "not one of the saves went through");

    String log = TestServer.logSince(logStart);
    assertFalse(log.contains("OutOfMemoryError"), "the server ran out of heap");

    List<String> onDisk = STORAGE.names().stream().filter(n -> n.endsWith(".png")).toList();
    assertEquals(saved.stream().sorted().toList(), onDisk, "exactly the 201s are stored");
    for (String name : saved) {
      assertEquals(png.length, STORAGE.read(name).length);
    }
    assertArrayEquals(png, download("/storage/images/" + saved.get(0)));
    save(Pngs.flat(8, 8, 0x445566), null);
  }
}
