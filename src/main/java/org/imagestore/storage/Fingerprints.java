package org.imagestore.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * SHA-256 of stored images, remembered by name with the size and modification time they were
 * computed for, so that serving an image costs a stat and not a read of the whole file.
 */
final class Fingerprints {
  /** Bounds memory at about 40 MB; past it the cache starts over rather than track recency. */
  private static final int MAX_ENTRIES = 200_000;

  private record Entry(long size, long modifiedMillis, String sha256) {}

  private final Map<String, Entry> entries = new ConcurrentHashMap<>();

  /** The image's SHA-256, hashing the file only if it is new or changed since last time. */
  String of(Path file, BasicFileAttributes attributes) throws IOException {
    String name = file.getFileName().toString();
    long modified = attributes.lastModifiedTime().toMillis();
    Entry known = entries.get(name);
    if (known != null && known.size() == attributes.size() && known.modifiedMillis() == modified) {
      return known.sha256();
    }
    String sha256 = hash(file);
    remember(name, new Entry(attributes.size(), modified, sha256));
    return sha256;
  }

  /** Records the hash of a file just written, so its first GET does not read it again. */
  void remember(Path file, String sha256) throws IOException {
    BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
    remember(
        file.getFileName().toString(),
        new Entry(a.size(), a.lastModifiedTime().toMillis(), sha256));
  }

  void forget(String filename) {
    entries.remove(filename);
  }

  private void remember(String name, Entry entry) {
    if (entries.size() >= MAX_ENTRIES) {
      entries.clear();
    }
    entries.put(name, entry);
  }

  static String sha256(byte[] bytes) {
    return HexFormat.of().formatHex(digest().digest(bytes));
  }

  private static String hash(Path file) throws IOException {
    MessageDigest digest = digest();
    byte[] buffer = new byte[64 * 1024];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
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
