package org.imagestore.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PrivateImagesTest {
  private static final String KEY = "k".repeat(PrivateImages.MIN_KEY_CHARS);
  private static final String OLD_KEY = "o".repeat(PrivateImages.MIN_KEY_CHARS);
  private static final String NAME = "generated_20250101_120000.png";

  private static PrivateImages at(long epochSecond, long validSeconds, String keys) {
    PrivateImages images = new PrivateImages();
    images.enabled = true;
    images.signingKeys = Optional.of(keys);
    images.validSeconds = validSeconds;
    images.publicBaseUrl = Optional.empty();
    images.clock = Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC);
    images.check();
    return images;
  }

  private static long expiresOf(String query) {
    return Long.parseLong(query.substring("expires=".length(), query.indexOf('&')));
  }

  private static String sigOf(String query) {
    return query.substring(query.indexOf("&sig=") + "&sig=".length());
  }

  @Test
  void expiriesAreRoundedUpSoThatUrlsRepeatForAWhile() {
    PrivateImages images = at(1_000_001, 3600, KEY);
    long expires = expiresOf(images.query(NAME));
    assertEquals(1_003_800, expires, "now + 3600, rounded up to 300 s");
    assertEquals(images.query(NAME), at(1_000_199, 3600, KEY).query(NAME));
    assertEquals(1_000_002, expiresOf(at(1_000_000, 2, KEY).query(NAME)), "no rounding for 2 s");
  }

  @Test
  void aUrlIsValidUntilItsExpiryAndNotAfter() {
    String query = at(1_000_000, 60, KEY).query(NAME);
    long expires = expiresOf(query);
    String sig = sigOf(query);
    String when = String.valueOf(expires);
    assertEquals(Optional.empty(), at(expires - 1, 60, KEY).refusal(NAME, when, sig));
    assertEquals(
        Optional.of("the signed URL has expired"), at(expires, 60, KEY).refusal(NAME, when, sig));
  }

  @Test
  void theSignatureCoversTheNameAndTheExpiry() {
    PrivateImages images = at(1_000_000, 60, KEY);
    String query = images.query(NAME);
    String sig = sigOf(query);
    long expires = expiresOf(query);
    for (Optional<String> refusal :
        List.of(
            images.refusal("generated_20250101_120001.png", String.valueOf(expires), sig),
            images.refusal(NAME, String.valueOf(expires + 1), sig),
            images.refusal(NAME, String.valueOf(expires), sig.substring(1)),
            images.refusal(NAME, String.valueOf(expires), "not base64url!"))) {
      assertEquals(Optional.of("the URL's signature is not valid"), refusal);
    }
    assertTrue(images.refusal(NAME, null, sig).isPresent());
    assertTrue(images.refusal(NAME, String.valueOf(expires), null).isPresent());
    assertEquals(
        Optional.of("expires must be seconds since the epoch"),
        images.refusal(NAME, "tomorrow", sig));
  }

  @Test
  void theFirstKeySignsAndEveryKeyVerifies() {
    String oldQuery = at(1_000_000, 60, OLD_KEY).query(NAME);
    PrivateImages rotated = at(1_000_000, 60, KEY + "," + OLD_KEY);
    assertEquals(
        Optional.empty(),
        rotated.refusal(NAME, String.valueOf(expiresOf(oldQuery)), sigOf(oldQuery)));
    String newQuery = rotated.query(NAME);
    assertEquals(newQuery, at(1_000_000, 60, KEY).query(NAME));
    PrivateImages retired = at(1_000_000, 60, OLD_KEY);
    assertTrue(
        retired.refusal(NAME, String.valueOf(expiresOf(newQuery)), sigOf(newQuery)).isPresent());
  }

  @Test
  void shortOrMissingKeysFailTheDeployment() {
    for (String keys : new String[] {"", " , ", "short", KEY + ",short"}) {
      IllegalArgumentException refused =
          assertThrows(IllegalArgumentException.class, () -> at(0, 60, keys));
      assertTrue(refused.getMessage().contains("imagestore.url-signing-keys"), keys);
    }
  }
}
