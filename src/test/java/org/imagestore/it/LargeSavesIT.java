package org.imagestore.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.imagestore.client.ImageStoreException;
import org.imagestore.client.SaveImage;
import org.imagestore.client.SavedImage;
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
    // One request for every thread: the base64 text is encoded once, not sixteen times.
    SaveImage request =
        new SaveImage(Pngs.base64(png), Json.createObjectBuilder().add("prompt", "large").build());
    long logStart = TestServer.logLength();

    // All at once, through the one client every thread shares.
    ExecutorService pool = Executors.newFixedThreadPool(SAVES);
    List<Future<SavedImage>> inFlight = new ArrayList<>();
    List<String> saved = new ArrayList<>();
    int busy = 0;
    try {
      for (int i = 0; i < SAVES; i++) {
        inFlight.add(pool.submit(() -> images.save(request)));
      }
      for (Future<SavedImage> answer : inFlight) {
        try {
          saved.add(answer.get().filename());
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof ImageStoreException refused)) {
            throw e;
          }
          assertEquals(503, refused.status(), refused::getMessage);
          assertNotNull(refused.error(), refused::getMessage);
          assertTrue(
              refused.retryAfter().orElseThrow().compareTo(Duration.ZERO) > 0, "Retry-After");
          busy++;
        }
      }
    } finally {
      pool.shutdownNow();
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
    assertArrayEquals(png, bytesOf(saved.get(0)));
    images.save(Pngs.flat(8, 8, 0x445566), null);
  }
}
