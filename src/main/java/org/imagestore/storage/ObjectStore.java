package org.imagestore.storage;

import java.io.InputStream;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where the bytes live: named objects in a folder or a bucket, and nothing more. Every rule (names,
 * PNG checks, sidecars, the order of writes, what a missing object means) is in {@link ImageStore}
 * and its helpers; a back end only stores, reads, lists and deletes. Each back end is a CDI bean
 * named after its {@code imagestore.storage} value. A back end that cannot reach its storage throws
 * {@link ImageStoreException} with {@link Failure#UNAVAILABLE}.
 */
public interface ObjectStore {
  /** An object as a listing or a HEAD sees it. */
  record Entry(String name, long size, Instant modified, long version, Map<String, String> tags) {
    /** The tag holding an image's hex SHA-256, where the back end keeps tags. */
    public static final String SHA256 = "sha256";
  }

  /** How an object is written: its media type, the Cache-Control it is served with, its tags. */
  record Attributes(String contentType, String cacheControl, Map<String, String> tags) {}

  /**
   * Stores {@code content} under {@code name} unless the name is taken, never replacing an object
   * and never leaving one half-written.
   *
   * @return the new object's {@link Entry#version()}, empty if the name was taken
   */
  Optional<Long> putIfAbsent(String name, ObjectBytes content, Attributes attributes);

  /** The object's size, time, version and tags; empty if there is none. */
  Optional<Entry> head(String name);

  /**
   * {@code length} bytes from {@code offset} on; the caller closes the stream.
   *
   * @throws ImageStoreException with {@link Failure#NOT_FOUND} if there is no such object
   */
  InputStream read(String name, long offset, long length);

  /**
   * Deletes the object if it exists.
   *
   * @return whether it existed: exactly on a folder, as a HEAD just before saw it on a bucket
   */
  boolean delete(String name);

  /**
   * Every object whose name starts with {@code prefix}, in name order, fetched a page at a time as
   * the stream is consumed; the caller closes the stream.
   */
  Stream<Entry> list(String prefix);

  /** How many reads to run at once when reading many objects: a bucket's latency wants more. */
  default int readParallelism() {
    return 2;
  }

  /**
   * A short-lived URL where a client fetches the object from the storage itself, when the back end
   * is set to hand reads off ({@code imagestore.s3.serve=redirect}); empty to stream it here.
   */
  default Optional<String> directUrl(String name) {
    return Optional.empty();
  }

  /** Space left where the objects are, for the free-space floor; empty where there is no limit. */
  Optional<Volume> volume();

  /** Why the storage cannot take writes now, or empty when it can: the readiness check. */
  Optional<String> problem();

  /** Where the objects are, for logs and health: a folder's path, an {@code s3://} URI. */
  String location();

  /** Where one object is, for {@code imagestore.expose-path}. */
  String location(String name);
}
