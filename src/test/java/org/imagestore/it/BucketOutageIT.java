package org.imagestore.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ws.rs.core.Response;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.imagestore.client.ImageQuery;
import org.imagestore.client.ImageStoreException;
import org.imagestore.client.SavedImage;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * The S3 server stopped under a client that keeps saving: 503s with the JSON body, readiness DOWN
 * with the reason, nothing acknowledged lost, nothing half-written left; then started again, the
 * same deployment is ready and serving without a redeploy.
 */
@BucketOnly
class BucketOutageIT extends ImageStoreTestBase {
  private static final TestStorage STORAGE = Deployments.freshStorage("outage");

  @Deployment(testable = false)
  static WebArchive app() {
    return Deployments.war(
        "/outage", STORAGE, Map.of("imagestore.maintenance-interval-seconds", "1"));
  }

  @Test
  void anOutageAnswers503AndLosesNothingAcknowledged() throws Exception {
    byte[] first = Pngs.noise(20, 20, 1);
    SavedImage stored = images.save(first, null);
    Map<String, byte[]> acknowledged = new ConcurrentHashMap<>();
    acknowledged.put(stored.filename(), first);
    Set<Integer> refusals = ConcurrentHashMap.newKeySet();
    AtomicBoolean saving = new AtomicBoolean(true);
    ExecutorService client = Executors.newSingleThreadExecutor();
    Future<?> saves = client.submit(() -> keepSaving(saving, acknowledged, refusals));
    try {
      await(() -> acknowledged.size() > 3, "saves before the outage");
      S3Session.server().stop();
      try {
        await(() -> refusals.contains(503), "a save during the outage answered 503");
        assertRefused(503, () -> images.save(Pngs.flat(4, 4, 0), null));
        assertRefused(503, () -> images.image(stored.filename(), null));
        try (Response ready = readiness()) {
          String body = ready.readEntity(String.class);
          assertEquals(503, ready.getStatus(), body);
          assertTrue(body.contains("cannot be reached"), body);
        }
        // The index still answers.
        images.list(ImageQuery.all());
      } finally {
        S3Session.server().start();
      }
      await(() -> readinessStatus() == 200, "ready again without a redeploy");
      int before = acknowledged.size();
      await(() -> acknowledged.size() > before, "saves after the outage");
    } finally {
      saving.set(false);
      saves.get();
      client.shutdown();
    }

    assertEquals(Set.of(503), refusals, "every save was stored or refused with 503");
    for (var image : acknowledged.entrySet()) {
      assertArrayEquals(image.getValue(), STORAGE.read(image.getKey()), image.getKey());
      assertArrayEquals(image.getValue(), bytesOf(image.getKey()), image.getKey());
    }
    assertEquals(new TreeSet<>(acknowledged.keySet()), new TreeSet<>(STORAGE.images()));
    // A save cut off between its two writes left a sidecar; maintenance removes it once S3 is back.
    await(
        () -> sidecarsWithoutImages().isEmpty(),
        "no sidecar without its image: " + sidecarsWithoutImages());
  }

  /** Saves until told to stop; any failure but an error answer ends it, and fails the test. */
  private void keepSaving(
      AtomicBoolean saving, Map<String, byte[]> acknowledged, Set<Integer> refusals) {
    for (int i = 0; saving.get(); i++) {
      byte[] png = Pngs.noise(16, 16, 100 + i);
      try {
        acknowledged.put(images.save(png, null).filename(), png);
      } catch (ImageStoreException refused) {
        assertNotNull(refused.error(), refused::getMessage);
        refusals.add(refused.status());
      }
      sleep(20);
    }
  }

  private Set<String> sidecarsWithoutImages() {
    Set<String> orphans = new HashSet<>();
    for (String name : STORAGE.names()) {
      if (name.endsWith(".json") && !STORAGE.exists(name.replace(".json", ".png"))) {
        orphans.add(name);
      }
    }
    return orphans;
  }

  private static int readinessStatus() {
    try (Response ready = readiness()) {
      return ready.getStatus();
    }
  }

  private static Response readiness() {
    return CLIENT.target(TestServer.health("ready")).request().get();
  }

  private static void await(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within 30 s: " + what);
      }
      sleep(100);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
