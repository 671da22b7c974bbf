package org.imagestore.storage;

import java.io.InputStream;
import java.time.Instant;

/**
 * A stored image's bytes and what a cache needs to know about them. Nothing is read until {@link
 * #open} is called, so a HEAD or a 304 costs no transfer of the body from any back end.
 */
public final class ImageContent {
  private final ObjectStore objects;
  private final ObjectStore.Entry object;
  private final String sha256;

  ImageContent(ObjectStore objects, ObjectStore.Entry object, String sha256) {
    this.objects = objects;
    this.object = object;
    this.sha256 = sha256;
  }

  /** The object's name in the storage: the image's, or a derived image's. */
  public String name() {
    return object.name();
  }

  public long size() {
    return object.size();
  }

  public Instant lastModified() {
    return object.modified();
  }

  /** Hex SHA-256 of the bytes: stored images never change, so it makes a strong ETag. */
  public String sha256() {
    return sha256;
  }

  /** {@code length} bytes from {@code offset} on; the caller closes the stream. */
  public InputStream open(long offset, long length) {
    return objects.read(object.name(), offset, length);
  }
}
