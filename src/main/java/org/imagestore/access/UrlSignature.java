package org.imagestore.access;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature of a private image's URL: HMAC-SHA256 over the file name and the expiry (seconds
 * since the epoch), base64url without padding. The first key signs; every key verifies, so that a
 * new key can come first while URLs signed with the old one are still out there.
 */
final class UrlSignature {
  private static final String HMAC = "HmacSHA256";

  private final List<byte[]> keys;

  UrlSignature(List<String> keys) {
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("no signing key");
    }
    this.keys = keys.stream().map(key -> key.getBytes(StandardCharsets.UTF_8)).toList();
  }

  /** What is signed: the name, a line break (never in a name), the expiry. */
  static String signed(String filename, long expires) {
    return filename + "\n" + expires;
  }

  String sign(String filename, long expires) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(mac(keys.get(0), signed(filename, expires)));
  }

  /** Whether a signature is one of the keys'; compared in constant time. */
  boolean verifies(String filename, long expires, String signature) {
    byte[] presented;
    try {
      presented = Base64.getUrlDecoder().decode(signature);
    } catch (IllegalArgumentException e) {
      return false;
    }
    boolean valid = false;
    for (byte[] key : keys) {
      valid |= MessageDigest.isEqual(mac(key, signed(filename, expires)), presented);
    }
    return valid;
  }

  private static byte[] mac(byte[] key, String text) {
    try {
      Mac mac = Mac.getInstance(HMAC);
      mac.init(new SecretKeySpec(key, HMAC));
      return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JDK has " + HMAC, e);
    }
  }
}
