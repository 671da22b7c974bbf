package org.imagestore.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Map;
import org.imagestore.client.SavedImage;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Private images through the caching front: nginx keys its copies by path alone, so a private
 * answer it kept would be handed to the next request for that path, signed or not. Every signed GET
 * reaches the application, and the plain path stays refused after them.
 */
@FilesystemOnly
class CachingFrontPrivateIT extends ImageStoreTestBase {
  private static final TestStorage STORAGE = Deployments.freshFolder("caching-front-private");
  private static final NginxFront FRONT = NginxFront.caching(60);

  @Deployment(testable = false)
  static WebArchive app() {
    return Deployments.war(
            "/",
            STORAGE,
            Map.of(
                "imagestore.private-images",
                "true",
                "imagestore.url-signing-keys",
                "caching-front-signing-key-5c0e9a7b31d84f26"))
        .addClass(RequestCounter.class);
  }

  @BeforeAll
  static void startFront() throws Exception {
    FRONT.start(null, TestServer.deployedAt(""));
  }

  @AfterAll
  static void stopFront() throws Exception {
    FRONT.stop();
  }

  @Test
  void privateImagesAndTheirThumbnailsAreNeverKept() {
    byte[] png = Pngs.noise(48, 48, 5);
    SavedImage saved = images.save(png, null);
    for (String signed : new String[] {saved.url(), saved.thumbnailUrl()}) {
      URI url = URI.create(signed);
      String path = url.getRawPath();
      assertTrue(url.getRawQuery().contains("sig="), signed);
      for (int i = 0; i < 3; i++) {
        try (Response response = front(path + "?" + url.getRawQuery())) {
          assertEquals(200, response.getStatus(), signed);
          assertTrue(response.getHeaderString("Cache-Control").startsWith("private"), signed);
          if (path.startsWith("/storage/images/")) {
            assertArrayEquals(png, response.readEntity(byte[].class));
          }
        }
      }
      assertEquals(3, requestsFor(path), "every signed GET of " + path + " reached imagestore");
      assertError(front(path), 403);
    }
  }

  private Response front(String pathAndQuery) {
    return FRONT.get(CLIENT, pathAndQuery);
  }

  private int requestsFor(String path) {
    return RequestCounter.requestsFor(CLIENT, deployed(), path);
  }
}
