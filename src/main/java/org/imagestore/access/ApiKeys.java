package org.imagestore.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code imagestore.api-keys}: comma-separated {@code owner=key} pairs, a key given as itself or as
 * {@code sha256:<hex>} of itself, so that a configuration file need not hold the secret. Only the
 * digests are kept, and a presented key is compared with every one of them in constant time.
 */
final class ApiKeys {
  private static final String SHA256 = "sha256:";

  private record Entry(String owner, byte[] digest) {}

  private final List<Entry> entries;

  private ApiKeys(List<Entry> entries) {
    this.entries = entries;
  }

  static ApiKeys parse(String value) {
    List<Entry> entries = new ArrayList<>();
    for (String pair : value.split(",")) {
      if (pair.isBlank()) {
        continue;
      }
      int equals = pair.indexOf('=');
      String owner = equals < 0 ? "" : pair.substring(0, equals).trim();
      String key = equals < 0 ? "" : pair.substring(equals + 1).trim();
      if (owner.isEmpty() || key.isEmpty()) {
        throw new IllegalArgumentException(
            "imagestore.api-keys must hold owner=key pairs separated by commas");
      }
      if (owner.length() > Caller.MAX_OWNER_CHARS) {
        throw new IllegalArgumentException(
            "imagestore.api-keys: an owner's name is over "
                + Caller.MAX_OWNER_CHARS
                + " characters");
      }
      entries.add(new Entry(owner, digestOf(key)));
    }
    return new ApiKeys(List.copyOf(entries));
  }

  boolean isEmpty() {
    return entries.isEmpty();
  }

  /** The owner of a presented key; every entry is compared, so timing tells nothing. */
  Optional<String> ownerOf(String presented) {
    byte[] digest = sha256(presented);
    String owner = null;
    for (Entry entry : entries) {
      if (MessageDigest.isEqual(entry.digest(), digest) && owner == null) {
        owner = entry.owner();
      }
    }
    return Optional.ofNullable(owner);
  }

  private static byte[] digestOf(String key) {
    if (!key.toLowerCase(Locale.ROOT).startsWith(SHA256)) {
      return sha256(key);
    }
    String hex = key.substring(SHA256.length());
    if (!hex.matches("[0-9a-fA-F]{64}")) {
      throw new IllegalArgumentException(
          "imagestore.api-keys: sha256: must be followed by 64 hexadecimal digits");
    }
    return HexFormat.of().parseHex(hex);
  }

  static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
