package org.imagestore.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayOutputStream;
import java.net.URL;
import java.util.Arrays;
import org.imagestore.client.Download;
import org.imagestore.client.SavedImage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * GET and HEAD /storage/images/{filename}: headers, conditional requests, ranges, bad names. The
 * same contract holds whoever sends the bytes: {@link ServeImageIT} asks the application server,
 * {@link FrontServerIT} the nginx front that the application hands bodies to.
 */
abstract class ServingContract extends ImageStoreTestBase {
  /** A file just outside the storage folder, with a name the store would accept. */
  static final String OUTSIDE = "generated_20200101_000000_outside.png";

  private static final byte[] PNG = Pngs.noise(200, 150, 42);

  private String url;
  private String filename;

  /** Storage with the file outside it in place, for the subclass's deployment. */
  static TestStorage withAFileOutside(TestStorage storage) {
    storage.writeBeside(OUTSIDE, Pngs.flat(2, 2, 0xff0000));
    return storage;
  }

  /** The storage the deployment stores into. */
  abstract TestStorage storage();

  /** Where clients send their requests: the application itself, or a front server. */
  abstract URL entryPoint(URL deployed);

  @BeforeEach
  void saveOne() {
    // The client too goes through the entry point, as a chat back end behind the front would.
    connect(entryPoint(base));
    SavedImage saved = images.save(PNG, null);
    url = saved.url();
    filename = saved.filename();
  }

  /** The name of the image each test starts with. */
  String filename() {
    return filename;
  }

  private Invocation.Builder image() {
    return CLIENT.target(absolute(url)).request();
  }

  @Test
  void getServesTheSavedBytesWithCacheHeaders() throws Exception {
    try (Response response = image().get()) {
      assertEquals(200, response.getStatus());
      assertEquals("image/png", response.getHeaderString("Content-Type"));
      assertEquals(String.valueOf(PNG.length), response.getHeaderString("Content-Length"));
      assertEquals("\"" + Pngs.sha256(PNG) + "\"", response.getHeaderString("ETag"));
      assertTrue(response.getLastModified() != null);
      assertEquals(
          "public, max-age=31536000, immutable", response.getHeaderString("Cache-Control"));
      assertEquals("bytes", response.getHeaderString("Accept-Ranges"));
      assertEquals("nosniff", response.getHeaderString("X-Content-Type-Options"));
      assertArrayEquals(PNG, response.readEntity(byte[].class));
    }
  }

  @Test
  void theClientsDownloadGetsTheSameBytesAndThenA304() throws Exception {
    var bytes = new ByteArrayOutputStream();
    Download first = images.download(filename, bytes, null);
    assertTrue(first.written());
    assertEquals(PNG.length, first.bytes());
    assertArrayEquals(PNG, bytes.toByteArray());
    assertEquals("\"" + Pngs.sha256(PNG) + "\"", first.etag());

    var nothing = new ByteArrayOutputStream();
    Download again = images.download(filename, nothing, first.etag());
    assertFalse(again.written(), "the copy with the current ETag was sent again");
    assertEquals(0, again.bytes());
    assertEquals(0, nothing.size());
    assertEquals(first.etag(), again.etag());
  }

  @Test
  void headSendsTheSameHeadersAndNoBody() {
    try (Response get = image().get();
        Response head = image().head()) {
      assertEquals(200, head.getStatus());
      for (String header :
          new String[] {
            "Content-Type", "Content-Length", "ETag", "Last-Modified", "Cache-Control"
          }) {
        assertEquals(get.getHeaderString(header), head.getHeaderString(header), header);
      }
      assertFalse(head.hasEntity() && head.readEntity(byte[].class).length > 0);
    }
  }

  @Test
  void ifNoneMatchWithTheEtagGets304() {
    String etag;
    try (Response first = image().get()) {
      etag = first.getHeaderString("ETag");
    }
    try (Response again = image().header("If-None-Match", etag).get()) {
      assertEquals(304, again.getStatus());
      assertEquals(etag, again.getHeaderString("ETag"));
    }
    try (Response listed = image().header("If-None-Match", "\"other\", " + etag).get()) {
      assertEquals(304, listed.getStatus());
    }
    try (Response other = image().header("If-None-Match", "\"other\"").get()) {
      assertEquals(200, other.getStatus());
      assertArrayEquals(PNG, other.readEntity(byte[].class));
    }
  }

  @Test
  void ifModifiedSinceNotOlderThanLastModifiedGets304() {
    String lastModified;
    try (Response first = image().get()) {
      lastModified = first.getHeaderString("Last-Modified");
    }
    try (Response same = image().header("If-Modified-Since", lastModified).get()) {
      assertEquals(304, same.getStatus());
    }
    try (Response old =
        image().header("If-Modified-Since", "Mon, 01 Jan 2001 00:00:00 GMT").get()) {
      assertEquals(200, old.getStatus());
    }
  }

  @Test
  void ifMatchWithAnotherEtagGets412() {
    try (Response response = image().header("If-Match", "\"stale\"").get()) {
      assertError(response, 412);
    }
  }

  @Test
  void aClosedRangeGets206WithContentRange() {
    try (Response response = image().header("Range", "bytes=0-99").get()) {
      assertEquals(206, response.getStatus());
      assertEquals("bytes 0-99/" + PNG.length, response.getHeaderString("Content-Range"));
      assertEquals("100", response.getHeaderString("Content-Length"));
      assertArrayEquals(Arrays.copyOfRange(PNG, 0, 100), response.readEntity(byte[].class));
    }
  }

  @Test
  void anOpenRangeRunsToTheEnd() {
    try (Response response = image().header("Range", "bytes=1000-").get()) {
      assertEquals(206, response.getStatus());
      assertEquals(
          "bytes 1000-" + (PNG.length - 1) + "/" + PNG.length,
          response.getHeaderString("Content-Range"));
      assertArrayEquals(
          Arrays.copyOfRange(PNG, 1000, PNG.length), response.readEntity(byte[].class));
    }
  }

  @Test
  void aSuffixRangeGetsTheLastBytes() {
    try (Response response = image().header("Range", "bytes=-500").get()) {
      assertEquals(206, response.getStatus());
      assertArrayEquals(
          Arrays.copyOfRange(PNG, PNG.length - 500, PNG.length), response.readEntity(byte[].class));
    }
  }

  @Test
  void aRangePastTheEndGets416() {
    try (Response response = image().header("Range", "bytes=" + PNG.length + "-").get()) {
      assertError(response, 416);
      assertEquals("bytes */" + PNG.length, response.getHeaderString("Content-Range"));
    }
  }

  @Test
  void severalRangesOrAStaleIfRangeGetTheWholeImage() {
    try (Response multi = image().header("Range", "bytes=0-1,5-6").get()) {
      assertEquals(200, multi.getStatus());
      assertArrayEquals(PNG, multi.readEntity(byte[].class));
    }
    try (Response stale =
        image().header("Range", "bytes=0-9").header("If-Range", "\"stale\"").get()) {
      assertEquals(200, stale.getStatus());
      assertArrayEquals(PNG, stale.readEntity(byte[].class));
    }
  }

  @Test
  void unknownNamesGet404WithTheJsonBody() {
    try (Response response =
        CLIENT
            .target(absolute("/storage/images/generated_20000101_000000_nope.png"))
            .request()
            .get()) {
      assertError(response, 404);
    }
  }

  @Test
  void sidecarsAndTempFilesAreNeverServed() throws Exception {
    storage().writeString(".imagestore-123.tmp", "temp");
    for (String name : new String[] {filename.replace(".png", ".json"), ".imagestore-123.tmp"}) {
      RawHttp.Reply reply = RawHttp.request(base, "GET", "/storage/images/" + name);
      assertTrue(reply.status() == 400 || reply.status() == 404, name + ": " + reply.text());
      assertFalse(reply.text().contains("created_at") || reply.text().contains("temp\r"), name);
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/storage/images/../" + OUTSIDE,
        "/storage/images/../../../../../../etc/passwd",
        "/storage/images/..%2f" + OUTSIDE,
        "/storage/images/..%2F" + OUTSIDE,
        "/storage/images/%2e%2e%2f" + OUTSIDE,
        "/storage/images/%2e%2e/" + OUTSIDE,
        "/storage/images/%252e%252e%252f" + OUTSIDE,
        "/storage/images/..%5c" + OUTSIDE,
        "/storage/images/..\\" + OUTSIDE,
        "/storage/images/%5c..%5c" + OUTSIDE,
        "/storage/images//etc/passwd",
        "/storage/images/%2fetc%2fpasswd",
        "/storage/images/C:%5cWindows%5cwin.ini",
        "/storage/images/generated_20200101_000000_outside.png%00.png",
        "/storage/images/",
        "/storage/images"
      })
  void pathsOutsideTheStoredImagesGet400Or404AndNoBytes(String rawPath) throws Exception {
    RawHttp.Reply reply = RawHttp.request(base, "GET", rawPath);
    assertTrue(reply.status() == 400 || reply.status() == 404, rawPath + " -> " + reply.text());
    assertFalse(reply.text().contains("PNG"), rawPath + " served image bytes");
    assertFalse(reply.text().contains("root:"), rawPath + " served /etc/passwd");
  }

  @Test
  void theFileOutsideTheFolderIsReallyThere() {
    // Guards the traversal test above: the target exists, so a 404 means "refused", not "missing".
    assertTrue(storage().existsBeside(OUTSIDE));
  }
}
