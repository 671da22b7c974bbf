package org.imagestore.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * SHA-256 of stored images, remembered by name with the size and version they were computed for, so
 * that serving an image costs a HEAD and not a read of all of it. Objects that carry their hash as
 * a tag never come here.
 */
final class Fingerprints {
  /** Bounds memory at about 40 MB; past it the cache starts over rather than track recency. */
  private static final int MAX_ENTRIES = 200_000;

  private record Entry(long size, long version, String sha256) {}

  private final Map<String, Entry> entries = new ConcurrentHashMap<>();

  /** The object's SHA-256, reading it only if it is new or changed since last time. */
  String of(ObjectStore.Entry object, Supplier<InputStream> content) {
    Entry known = entries.get(object.name());
    if (known != null && known.size() == object.size() && known.version() == object.version()) {
      return known.sha256();
    }
    String sha256 = hash(content);
    remember(object.name(), object.size(), object.version(), sha256);
    return sha256;
  }

  /** Records the hash of an object just written, so its first GET does not read it again. */
  void remember(String name, long size, long version, String sha256) {
    if (entries.size() >= MAX_ENTRIES) {
      entries.clear();
    }
    entries.put(name, new Entry(size, version, sha256));
  }

  void forget(String name) {
    entries.remove(name);
  }

  private static String hash(Supplier<InputStream> content) {
    MessageDigest digest = digest();
    byte[] buffer = new byte[64 * 1024];
    try (InputStream in = content.get()) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
    } catch (IOException e) {
      throw new ImageStoreException(Failure.UNAVAILABLE, "the image cannot be read now");
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new UncheckedIOException(new IOException("no SHA-256 in this Java runtime", e));
    }
  }
}
