package org.imagestore.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.imagestore.client.SavedImage;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code imagestore.offload=x-sendfile}, for Apache httpd's mod_xsendfile and lighttpd: the
 * application still answers everything it can itself, and for a body names the file on disk.
 */
@FilesystemOnly
class SendfileIT extends ImageStoreTestBase {
  private static final TestStorage STORAGE = Deployments.freshFolder("sendfile");
  private static final byte[] PNG = Pngs.noise(40, 30, 7);

  private String filename;
  private String url;

  @Deployment(testable = false)
  static WebArchive app() {
    return Deployments.war("/", STORAGE, Map.of("imagestore.offload", "x-sendfile"));
  }

  @BeforeEach
  void saveOne() {
    SavedImage saved = images.save(PNG, null);
    filename = saved.filename();
    url = saved.url();
  }

  private Invocation.Builder image() {
    return CLIENT.target(absolute(url)).request();
  }

  @Test
  void aBodyIsTheStoredFileNamedInTheHeader() throws Exception {
    try (Response response = image().get()) {
      assertEquals(200, response.getStatus());
      String file = response.getHeaderString("X-Sendfile");
      assertEquals(STORAGE.location(filename), file);
      assertArrayEquals(PNG, Files.readAllBytes(Path.of(file)));
      assertEquals(0, response.readEntity(byte[].class).length);
      assertEquals("image/png", response.getHeaderString("Content-Type"));
      assertEquals("\"" + Pngs.sha256(PNG) + "\"", response.getHeaderString("ETag"));
    }
  }

  @Test
  void whatTheApplicationCanAnswerItAnswersItself() {
    try (Response head = image().head()) {
      assertEquals(200, head.getStatus());
      assertEquals(String.valueOf(PNG.length), head.getHeaderString("Content-Length"));
      assertNull(head.getHeaderString("X-Sendfile"));
    }
    String etag;
    try (Response first = image().get()) {
      etag = first.getHeaderString("ETag");
    }
    try (Response again = image().header("If-None-Match", etag).get()) {
      assertEquals(304, again.getStatus());
      assertNull(again.getHeaderString("X-Sendfile"));
    }
    try (Response past = image().header("Range", "bytes=" + PNG.length + "-").get()) {
      assertError(past, 416);
      assertNull(past.getHeaderString("X-Sendfile"));
    }
    try (Response unknown =
        CLIENT
            .target(absolute("/storage/images/generated_20000101_000000_nope.png"))
            .request()
            .get()) {
      assertError(unknown, 404);
      assertNull(unknown.getHeaderString("X-Sendfile"));
    }
  }
}
