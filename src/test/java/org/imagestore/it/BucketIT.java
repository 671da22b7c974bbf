package org.imagestore.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * What only the s3 back end does, checked in the bucket through the SDK: the objects a save writes,
 * a bucket root holding the seed's layout, redirect mode, and a bucket copied out to a folder. The
 * outage test is {@link BucketOutageIT}.
 */
@BucketOnly
class BucketIT extends ChatBackEnd {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final BucketStorage BUCKET = new BucketStorage("imagestore-it-root", "");
  private static final byte[] SEED_PNG = Pngs.flat(30, 20, 0x112233);
  private static final String SEED = "generated_20251029_101530.png";
  private static final TestStorage COPY = Deployments.freshFolder("copied-out");

  @ArquillianResource Deployer deployer;

  @Deployment(name = "bucket", testable = false)
  static WebArchive app() {
    BUCKET.writeSeedImage("20251029_101530", SEED_PNG, "a seed lighthouse");
    BUCKET.writeString("notes.txt", "not an image");
    return Deployments.war("bucket.war", "/bucket", BUCKET, Map.of("imagestore.zone", "UTC"));
  }

  @Deployment(name = "redirect", testable = false)
  static WebArchive redirect() {
    return Deployments.war(
        "redirect.war", "/redirect", BUCKET, Map.of("imagestore.s3.serve", "redirect"));
  }

  @Deployment(name = "copied-out", managed = false, testable = false)
  static WebArchive copiedOut() {
    return Deployments.war("copied-out.war", "/copied-out", COPY, Map.of());
  }

  @BeforeEach
  void connect() throws InterruptedException {
    base = TestServer.deployedAt("/bucket");
    awaitIndex();
  }

  @Test
  void aSaveWritesTheImageAndASeedShapedSidecarAsTwoObjects() throws Exception {
    byte[] png = Pngs.noise(40, 30, 3);
    JsonObject saved = save(png, Json.createObjectBuilder().add("prompt", "two objects").build());
    String name = saved.getString("filename");
    String sidecar = name.replace(".png", ".json");

    assertArrayEquals(png, BUCKET.read(name));
    HeadObjectResponse image = BUCKET.head(name);
    assertEquals("image/png", image.contentType());
    assertEquals("public, max-age=31536000, immutable", image.cacheControl());
    assertEquals(Pngs.sha256(png), image.metadata().get("sha256"));

    assertEquals("application/json", BUCKET.head(sidecar).contentType());
    JsonObject json = BUCKET.readJson(sidecar);
    assertEquals(name, json.getString("filename"));
    assertEquals(saved.getString("created_at"), json.getString("created_at"));
    assertEquals("two objects", json.getJsonObject("metadata").getString("prompt"));
    assertEquals(png.length, json.getInt("size"));
    assertEquals(Pngs.sha256(png), json.getString("sha256"));
  }

  @Test
  void headAndNotModifiedFetchNoBytesFromTheBucket() throws Exception {
    String name = save(Pngs.noise(30, 30, 6), null).getString("filename");
    String url = absolute("/bucket/storage/images/" + name);
    String etag;
    long start = S3Session.server().logLength();
    try (Response head = CLIENT.target(url).request().head()) {
      assertEquals(200, head.getStatus());
      etag = head.getHeaderString("ETag");
    }
    try (Response notModified = CLIENT.target(url).request().header("If-None-Match", etag).get()) {
      assertEquals(304, notModified.getStatus());
    }
    assertEquals(List.of(), bodyFetches(start, name), "HEAD and 304 fetched the image");
    // The same log sees the fetch of a GET: the check above can fail.
    download(url);
    assertEquals(1, bodyFetches(start, name).size());
  }

  private static List<String> bodyFetches(long logStart, String name) {
    return S3Session.server().requestsSince(logStart).stream()
        .filter(request -> request.startsWith("GET ") && request.endsWith("/" + name))
        .toList();
  }

  @Test
  void theSeedLayoutAtTheBucketRootIsListedAndServedAsIs() {
    JsonObject seed =
        getJson("api/list-images?q=lighthouse").getJsonArray("images").getJsonObject(0);
    assertEquals(SEED, seed.getString("filename"));
    assertEquals(30, seed.getInt("width"));
    assertArrayEquals(SEED_PNG, download(seed.getString("url")));
    assertTrue(BUCKET.exists("notes.txt"));
  }

  @Test
  void redirectModeSendsTheBytesFromAPresignedUrlAndKeepsItsOwnUrls() throws Exception {
    String app = TestServer.deployedAt("/redirect").toString();
    byte[] png = Pngs.noise(50, 50, 4);
    JsonObject saved = at("/redirect", () -> save(png, null));
    assertEquals("/redirect/storage/images/" + saved.getString("filename"), saved.getString("url"));

    HttpResponse<byte[]> found = get(app + "storage/images/" + saved.getString("filename"), null);
    assertEquals(302, found.statusCode());
    String location = found.headers().firstValue("Location").orElseThrow();
    assertTrue(location.startsWith(S3Session.server().endpoint()), location);
    assertTrue(location.contains("X-Amz-Signature="), location);
    assertEquals("no-store", found.headers().firstValue("Cache-Control").orElseThrow());

    HttpResponse<byte[]> direct = get(location, null);
    assertEquals(200, direct.statusCode());
    assertArrayEquals(png, direct.body());
    HttpResponse<byte[]> part = get(location, "bytes=0-99");
    assertEquals(206, part.statusCode());
    assertArrayEquals(java.util.Arrays.copyOf(png, 100), part.body());

    // The service still decides what it can without the bytes.
    String etag = '"' + Pngs.sha256(png) + '"';
    HttpResponse<byte[]> notModified =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create(app + "storage/images/" + saved.getString("filename")))
                .header("If-None-Match", etag)
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(304, notModified.statusCode());
    HttpResponse<byte[]> missing =
        get(app + "storage/images/generated_20000101_000000_nope.png", null);
    assertEquals(404, missing.statusCode());
  }

  /**
   * Every deployment here shares the server's one index, so the copy is checked where it reads its
   * folder: its reindex finds every image, and it serves each from the folder, byte for byte.
   */
  @Test
  void aBucketCopiedOutIsAValidStorageFolder() throws Exception {
    save(Pngs.flat(8, 8, 5), Json.createObjectBuilder().add("prompt", "copied out").build());
    for (String name : BUCKET.names()) {
      COPY.write(name, BUCKET.read(name));
    }
    deployer.deploy("copied-out");
    try {
      String copy = TestServer.deployedAt("/copied-out").toString();
      at(
          "/copied-out",
          () -> {
            awaitIndex();
            return null;
          });
      JsonObject report;
      try (Response response = CLIENT.target(copy + "api/admin/reindex").request().post(null)) {
        assertEquals(200, response.getStatus());
        report = response.readEntity(JsonObject.class);
      }
      long found = report.getInt("added") + report.getInt("updated") + report.getInt("unchanged");
      assertEquals(BUCKET.images().size(), found, report.toString());
      assertEquals(0, report.getInt("removed"), report.toString());
      for (String image : BUCKET.images()) {
        assertArrayEquals(BUCKET.read(image), download(copy + "storage/images/" + image), image);
      }
    } finally {
      deployer.undeploy("copied-out");
    }
  }

  /** Runs {@code call} as a client of the deployment at {@code contextRoot}, then comes back. */
  private <T> T at(String contextRoot, Callable<T> call) throws Exception {
    URL own = base;
    base = TestServer.deployedAt(contextRoot);
    try {
      return call.call();
    } finally {
      base = own;
    }
  }

  private static HttpResponse<byte[]> get(String url, String range) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
    if (range != null) {
      request.header("Range", range);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }
}
