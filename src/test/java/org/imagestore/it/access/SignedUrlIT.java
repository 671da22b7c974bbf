package org.imagestore.it.access;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.imagestore.client.ImageEntry;
import org.imagestore.client.ImageQuery;
import org.imagestore.client.SavedImage;
import org.imagestore.it.Deployments;
import org.imagestore.it.ImageStoreTestBase;
import org.imagestore.it.Pngs;
import org.imagestore.it.TestStorage;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * {@code imagestore.private-images=true}: an image opens only through the signed URL the API
 * returned (HMAC-SHA256 over the name and the expiry), until it expires, and never tampered with.
 * The second configured key still verifies, so that keys can be rotated.
 */
class SignedUrlIT extends ImageStoreTestBase {
  private static final TestStorage STORAGE = Deployments.freshStorage("signed-urls");
  private static final String NEW_KEY = "new-signing-key-7d41c2a95e0b4f3a8c61";
  private static final String OLD_KEY = "old-signing-key-1b9e5f0c3a7d4e2b6f08";
  private static final long VALID_SECONDS = 3;

  @Deployment(testable = false)
  static WebArchive app() {
    return Deployments.war(
        "/signed-urls",
        STORAGE,
        Map.of(
            "imagestore.private-images",
            "true",
            "imagestore.url-signing-keys",
            NEW_KEY + ", " + OLD_KEY,
            "imagestore.signed-url-seconds",
            String.valueOf(VALID_SECONDS)));
  }

  @Test
  void theApiHandsOutSignedUrlsThatOpenTheImageForTheBrowserAlone() {
    byte[] png = Pngs.noise(32, 32, 7);
    SavedImage saved = images.save(png, null);
    assertTrue(saved.url().contains("?expires="), saved.url());
    assertTrue(saved.url().contains("&sig="), saved.url());
    ImageEntry listed = images.list(ImageQuery.all()).images().get(0);
    assertTrue(listed.url().contains("&sig="), listed.url());

    Response response = CLIENT.target(absolute(saved.url())).request().get();
    assertEquals(200, response.getStatus());
    String cacheControl = response.getHeaderString("Cache-Control");
    assertTrue(cacheControl.startsWith("private, max-age="), cacheControl);
    long maxAge = Long.parseLong(cacheControl.substring("private, max-age=".length()));
    assertTrue(maxAge <= VALID_SECONDS + 1, cacheControl);
    assertArrayEquals(png, response.readEntity(byte[].class));

    // Its thumbnail is private too: signed like the image, refused without the signature.
    String thumbnail = saved.thumbnailUrl();
    assertTrue(thumbnail.endsWith(saved.url().substring(saved.url().indexOf('?'))), thumbnail);
    Response small = CLIENT.target(absolute(thumbnail)).request().get();
    assertEquals(200, small.getStatus());
    assertTrue(small.getHeaderString("Cache-Control").startsWith("private, max-age="));
    assertError(
        CLIENT.target(absolute(thumbnail.substring(0, thumbnail.indexOf('?')))).request().get(),
        403);
  }

  @Test
  void plainTamperedAndForeignUrlsAre403() {
    String name = images.save(Pngs.flat(8, 8, 0x102030), null).filename();
    String other = images.save(Pngs.flat(8, 8, 0x302010), null).filename();
    long expires = Instant.now().getEpochSecond() + 60;
    String good = sign(NEW_KEY, name, expires);
    String tampered = (good.charAt(0) == 'A' ? "B" : "A") + good.substring(1);

    for (String query :
        List.of(
            "",
            "?expires=" + expires,
            "?expires=" + expires + "&sig=" + tampered,
            "?expires=" + (expires + 3600) + "&sig=" + good,
            "?expires=" + expires + "&sig=" + sign(NEW_KEY, other, expires),
            "?expires="
                + expires
                + "&sig="
                + sign("a-key-nobody-configured-0123456789", name, expires),
            "?expires=soon&sig=" + good)) {
      assertError(get(name, query), 403);
    }
    assertEquals(200, get(name, "?expires=" + expires + "&sig=" + good).getStatus());
  }

  @Test
  void urlsSignedWithTheOlderKeyStillWork() {
    String name = images.save(Pngs.flat(8, 8, 0x405060), null).filename();
    long expires = Instant.now().getEpochSecond() + 60;
    assertEquals(
        200, get(name, "?expires=" + expires + "&sig=" + sign(OLD_KEY, name, expires)).getStatus());
  }

  @Test
  void aSignedUrlStopsWorkingWhenItExpires() throws InterruptedException {
    SavedImage saved = images.save(Pngs.flat(8, 8, 0x607080), null);
    URI url = URI.create(absolute(saved.url()));
    assertEquals(200, CLIENT.target(url).request().get().getStatus());
    long expires = Long.parseLong(url.getQuery().replaceAll("^expires=(\\d+)&.*", "$1"));
    while (Instant.now().getEpochSecond() <= expires) {
      Thread.sleep(250);
    }
    String error = assertError(CLIENT.target(url).request().get(), 403);
    assertTrue(error.contains("expired"), error);
  }

  private Response get(String name, String query) {
    return CLIENT.target(absolute("/signed-urls/storage/images/" + name + query)).request().get();
  }

  /** The signature as the README describes it, computed here rather than by the service. */
  private static String sign(String key, String name, long expires) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] signature = mac.doFinal((name + "\n" + expires).getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
