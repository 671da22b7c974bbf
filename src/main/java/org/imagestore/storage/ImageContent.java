package org.imagestore.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * A stored image's bytes and what a cache needs to know about them. Callers see a stream, not a
 * file, so that another storage back end can serve the same interface.
 */
public final class ImageContent {
  private final Path file;
  private final long size;
  private final Instant lastModified;
  private final String sha256;

  ImageContent(Path file, long size, Instant lastModified, String sha256) {
    this.file = file;
    this.size = size;
    this.lastModified = lastModified;
    this.sha256 = sha256;
  }

  public long size() {
    return size;
  }

  public Instant lastModified() {
    return lastModified;
  }

  /** Hex SHA-256 of the bytes: stored images never change, so it makes a strong ETag. */
  public String sha256() {
    return sha256;
  }

  /** The bytes from {@code offset} on; the caller closes the stream. */
  public InputStream open(long offset) throws IOException {
    InputStream in = Files.newInputStream(file);
    try {
      in.skipNBytes(offset);
      return in;
    } catch (IOException e) {
      in.close();
      throw e;
    }
  }
}
