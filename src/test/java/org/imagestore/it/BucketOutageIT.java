package org.imagestore.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.core.Response;
import java.io.StringReader;
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
    JsonObject stored = save(first, null);
    Map<String, byte[]> acknowledged = new ConcurrentHashMap<>();
    acknowledged.put(stored.getString("filename"), first);
    Set<Integer> statuses = ConcurrentHashMap.newKeySet();
    AtomicBoolean saving = new AtomicBoolean(true);
    ExecutorService client = Executors.newSingleThreadExecutor();
    Future<?> saves = client.submit(() -> keepSaving(saving, acknowledged, statuses));
    try {
      await(() -> acknowledged.size() > 3, "saves before the outage");
      S3Session.server().stop();
      try {
        await(() -> statuses.contains(503), "a save during the outage answered 503");
        try (Response response = saveRaw(Pngs.flat(4, 4, 0), null)) {
          assertError(response, 503);
        }
        try (Response response = CLIENT.target(absolute(stored.getString("url"))).request().get()) {
          assertError(response, 503);
        }
        try (Response ready = readiness()) {
          String body = ready.readEntity(String.class);
          assertEquals(503, ready.getStatus(), body);
          assertTrue(body.contains("cannot be reached"), body);
        }
        try (Response list = CLIENT.target(base + "api/list-images").request().get()) {
          assertEquals(200, list.getStatus(), "the index still answers");
        }
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

    assertEquals(Set.of(201, 503), statuses, "every save answered 201 or 503");
    for (var image : acknowledged.entrySet()) {
      assertArrayEquals(image.getValue(), STORAGE.read(image.getKey()), image.getKey());
      assertArrayEquals(image.getValue(), download("/outage/storage/images/" + image.getKey()));
    }
    assertEquals(new TreeSet<>(acknowledged.keySet()), new TreeSet<>(STORAGE.images()));
    // A save cut off between its two writes left a sidecar; maintenance removes it once S3 is back.
    await(
        () -> sidecarsWithoutImages().isEmpty(),
        "no sidecar without its image: " + sidecarsWithoutImages());
  }

  private void keepSaving(
      AtomicBoolean saving, Map<String, byte[]> acknowledged, Set<Integer> statuses) {
    for (int i = 0; saving.get(); i++) {
      byte[] png = Pngs.noise(16, 16, 100 + i);
      try (Response response = saveRaw(png, null)) {
        String body = response.readEntity(String.class);
        statuses.add(response.getStatus());
        if (response.getStatus() == 201) {
          JsonObject saved = Json.createReader(new StringReader(body)).readObject();
          acknowledged.put(saved.getString("filename"), png);
        }
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
