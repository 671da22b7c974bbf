package org.imagestore.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * The test servers have a 512 MB heap. Sixteen first requests at once for thumbnails of different
 * 4096x4096 images (64 MB each as a raster) are all answered, because sources are decoded
 * subsampled and only {@code imagestore.derived-threads} are made at a time, and the server log has
 * no OutOfMemoryError. The images are put in the folder beside the service, as a seed's are.
 */
@FilesystemOnly
class ThumbnailMemoryIT extends ImageStoreTestBase {
  private static final TestStorage STORAGE = Deployments.freshStorage("thumbnail-memory");
  private static final int IMAGES = 16;

  static {
    byte[] large = Pngs.realistic(4096, 4096, 42);
    for (int i = 0; i < IMAGES; i++) {
      STORAGE.writeSeedImage(String.format("20250301_1200%02d", i), large, "large " + i);
    }
  }

  @Deployment(testable = false)
  static WebArchive app() {
    return Deployments.war("/thumbnail-memory", STORAGE, Map.of());
  }

  @Test
  void sixteenConcurrentFirstRequestsForLargeImagesAreAllAnswered() throws Exception {
    long logStart = TestServer.logLength();
    ExecutorService clients = Executors.newFixedThreadPool(IMAGES);
    try {
      List<Callable<Integer>> requests = new ArrayList<>();
      for (int i = 0; i < IMAGES; i++) {
        String path =
            "/thumbnail-memory/storage/thumbnails/256/"
                + String.format("generated_20250301_1200%02d.png", i);
        requests.add(
            () -> {
              Response response = CLIENT.target(absolute(path)).request().get();
              response.readEntity(byte[].class);
              return response.getStatus();
            });
      }
      for (Future<Integer> status : clients.invokeAll(requests)) {
        assertEquals(200, status.get());
      }
    } finally {
      clients.shutdown();
    }
    String log = TestServer.logSince(logStart);
    assertFalse(log.contains("OutOfMemoryError"), "the server ran out of heap");
    assertEquals(IMAGES, images.stats().derivedCount());
  }
}
