package org.imagestore.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.ws.rs.core.Response;
import java.net.URL;
import java.util.Map;
import org.imagestore.client.SavedImage;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The serving contract through the caching front, {@code
 * server-config/nginx/imagestore-cache.conf}: nginx keeps the application's image answers and
 * serves repeats, 304s and ranges alone. The application sees one request per image per validity
 * period, a deleted image is gone soon after the validity, and signed URLs pass through uncached.
 * One run is enough: what nginx keeps does not depend on where the application stores the bytes.
 */
@FilesystemOnly
class CachingFrontIT extends ServingContract {
  private static final int VALIDITY_SECONDS = 2;
  private static final TestStorage STORAGE =
      withAFileOutside(Deployments.freshFolder("caching-front"));
  private static final NginxFront FRONT = NginxFront.caching(VALIDITY_SECONDS);

  private URL application;

  @Deployment(testable = false)
  static WebArchive app() {
    return Deployments.war("/", STORAGE, Map.of()).addClass(RequestCounter.class);
  }

  @BeforeAll
  static void startFront() throws Exception {
    FRONT.start(null, TestServer.deployedAt(""));
  }

  @AfterAll
  static void stopFront() throws Exception {
    FRONT.stop();
  }

  @Override
  TestStorage storage() {
    return STORAGE;
  }

  @Override
  URL entryPoint(URL deployed) {
    application = deployed;
    return FRONT.url();
  }

  @Test
  void repeatedGetsReachTheApplicationOncePerValidityPeriod() throws Exception {
    byte[] png = Pngs.noise(64, 64, 71);
    SavedImage saved = images.save(png, null);
    String path = "/storage/images/" + saved.filename();
    for (int i = 0; i < 50; i++) {
      try (Response response = front(path)) {
        assertEquals(200, response.getStatus());
        assertEquals(i == 0 ? "MISS" : "HIT", response.getHeaderString("X-Cache-Status"));
        assertArrayEquals(png, response.readEntity(byte[].class));
      }
    }
    assertEquals(1, requestsFor(path));
    Thread.sleep((VALIDITY_SECONDS + 1) * 1000L);
    for (int i = 0; i < 20; i++) {
      try (Response response = front(path)) {
        assertEquals(200, response.getStatus());
        assertArrayEquals(png, response.readEntity(byte[].class));
      }
    }
    // The expired copy was revalidated once (a conditional GET, answered 304), then served on.
    assertEquals(2, requestsFor(path));
  }

  @Test
  void aDeletedImageIsGoneSoonAfterTheValidity() throws Exception {
    SavedImage saved = images.save(Pngs.flat(9, 9, 0x334455), null);
    String path = "/storage/images/" + saved.filename();
    try (Response cached = front(path)) {
      assertEquals(200, cached.getStatus());
    }
    images.delete(saved.filename());
    long deleted = System.nanoTime();
    int status = 200;
    // Within the validity plus one background revalidation (the request that starts it is the
    // last one answered from the stale copy).
    while (status == 200 && System.nanoTime() - deleted < (VALIDITY_SECONDS + 3) * 1_000_000_000L) {
      Thread.sleep(200);
      try (Response response = front(path)) {
        status = response.getStatus();
        if (status == 404) {
          assertError(response, 404);
        }
      }
    }
    assertEquals(404, status, "still served " + (VALIDITY_SECONDS + 3) + " s after its delete");
    System.out.printf(
        "deleted image served until %d ms after the delete%n",
        (System.nanoTime() - deleted) / 1_000_000);
  }

  @Test
  void unknownNamesAndSignedUrlsAreNotKeptAsImages() throws Exception {
    String unknown = "/storage/images/generated_20200101_000000_nosuchimage.png";
    for (int i = 0; i < 2; i++) {
      try (Response response = front(unknown)) {
        assertError(response, 404);
      }
      // A 404 is kept one second (counted in whole seconds: up to two), so that a revalidation
      // can replace a stale copy.
      Thread.sleep(2500);
    }
    // The second may be answered from the expired 404 while nginx asks again in the background.
    for (int i = 0; i < 30 && requestsFor(unknown) < 2; i++) {
      Thread.sleep(100);
    }
    assertEquals(2, requestsFor(unknown));
    String signed = "/storage/images/" + filename() + "?expires=4102444800&sig=abc";
    int before = requestsFor("/storage/images/" + filename());
    for (int i = 0; i < 3; i++) {
      try (Response response = front(signed)) {
        assertEquals("BYPASS", response.getHeaderString("X-Cache-Status"));
      }
    }
    assertEquals(before + 3, requestsFor("/storage/images/" + filename()));
  }

  private Response front(String pathAndQuery) {
    return FRONT.get(CLIENT, pathAndQuery);
  }

  private int requestsFor(String path) {
    return RequestCounter.requestsFor(CLIENT, application, path);
  }
}
