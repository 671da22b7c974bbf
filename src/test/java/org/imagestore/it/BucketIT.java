package org.imagestore.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.imagestore.client.ImageEntry;
import org.imagestore.client.ImageQuery;
import org.imagestore.client.ImageStoreClient;
import org.imagestore.client.Reconciliation;
import org.imagestore.client.SavedImage;
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
    connect(TestServer.deployedAt("/bucket"));
    awaitIndex();
  }

  @Test
  void aSaveWritesTheImageAndASeedShapedSidecarAsTwoObjects() throws Exception {
    byte[] png = Pngs.noise(40, 30, 3);
    SavedImage saved =
        images.save(png, Json.createObjectBuilder().add("prompt", "two objects").build());
    String name = saved.filename();
    String sidecar = name.replace(".png", ".json");

    assertArrayEquals(png, BUCKET.read(name));
    HeadObjectResponse image = BUCKET.head(name);
    assertEquals("image/png", image.contentType());
    assertEquals("public, max-age=31536000, immutable", image.cacheControl());
    assertEquals(Pngs.sha256(png), image.metadata().get("sha256"));

    assertEquals("application/json", BUCKET.head(sidecar).contentType());
    JsonObject json = BUCKET.readJson(sidecar);
    assertEquals(name, json.getString("filename"));
    assertEquals(saved.createdAt(), json.getString("created_at"));
    assertEquals("two objects", json.getJsonObject("metadata").getString("prompt"));
    assertEquals(png.length, json.getInt("size"));
    assertEquals(Pngs.sha256(png), json.getString("sha256"));
  }

  @Test
  void headAndNotModifiedFetchNoBytesFromTheBucket() throws Exception {
    String name = images.save(Pngs.noise(30, 30, 6), null).filename();
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
    bytesOf(name);
    assertEquals(1, bodyFetches(start, name).size());
  }

  private static List<String> bodyFetches(long logStart, String name) {
    return S3Session.server().requestsSince(logStart).stream()
        .filter(request -> request.startsWith("GET ") && request.endsWith("/" + name))
        .toList();
  }

  @Test
  void theSeedLayoutAtTheBucketRootIsListedAndServedAsIs() {
    ImageEntry seed = images.list(ImageQuery.all().q("lighthouse")).images().get(0);
    assertEquals(SEED, seed.filename());
    assertEquals(30, seed.width());
    assertEquals("/bucket/storage/images/" + SEED, seed.url());
    assertArrayEquals(SEED_PNG, bytesOf(SEED));
    assertTrue(BUCKET.exists("notes.txt"));
  }

  @Test
  void redirectModeSendsTheBytesFromAPresignedUrlAndKeepsItsOwnUrls() throws Exception {
    ImageStoreClient redirect = clientOf(TestServer.deployedAt("/redirect"));
    String app = TestServer.deployedAt("/redirect").toString();
    byte[] png = Pngs.noise(50, 50, 4);
    SavedImage saved = redirect.save(png, null);
    assertEquals("/redirect/storage/images/" + saved.filename(), saved.url());

    HttpResponse<byte[]> found = get(app + "storage/images/" + saved.filename(), null);
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
    // The shipped client follows the redirect to the bytes.
    var followed = new ByteArrayOutputStream();
    redirect.download(saved.filename(), followed, null);
    assertArrayEquals(png, followed.toByteArray());

    // The service still decides what it can without the bytes.
    String etag = '"' + Pngs.sha256(png) + '"';
    HttpResponse<byte[]> notModified =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(app + "storage/images/" + saved.filename()))
                .header("If-None-Match", etag)
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(304, notModified.statusCode());
    assertRefused(404, () -> redirect.image("generated_20000101_000000_nope.png", null));
  }

  /**
   * Every deployment here shares the server's one index, so the copy is checked where it reads its
   * folder: its reindex finds every image, and it serves each from the folder, byte for byte.
   */
  @Test
  void aBucketCopiedOutIsAValidStorageFolder() throws Exception {
    images.save(Pngs.flat(8, 8, 5), Json.createObjectBuilder().add("prompt", "copied out").build());
    for (String name : BUCKET.names()) {
      COPY.write(name, BUCKET.read(name));
    }
    deployer.deploy("copied-out");
    try {
      // From here on a client of the copy; the next test connects to the bucket's again.
      connect(TestServer.deployedAt("/copied-out"));
      awaitIndex();
      Reconciliation report = images.reindex();
      long found = report.added() + report.updated() + report.unchanged();
      assertEquals(BUCKET.images().size(), found, report::toString);
      assertEquals(0, report.removed(), report::toString);
      for (String image : BUCKET.images()) {
        assertArrayEquals(BUCKET.read(image), bytesOf(image), image);
      }
    } finally {
      deployer.undeploy("copied-out");
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
