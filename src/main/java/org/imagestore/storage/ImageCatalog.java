package org.imagestore.storage;

import java.util.Optional;

/**
 * What answers list-images: an index derived from the storage. The store keeps it up to date as it
 * saves and deletes; the storage stays the source of truth, and reconciliation repairs any drift.
 * It also holds name claims, since it is shared by every server on one storage.
 */
public interface ImageCatalog {
  /** Records a saved image and ends the claim on its name, in one transaction. */
  void putSaved(StoredImage image, FileState state);

  void remove(String filename);

  /**
   * The newest image in the scope whose stored bytes have this hex SHA-256, for dedup: the last
   * that retention deletes.
   */
  Optional<StoredImage> withContent(String sha256, Scope scope);

  /** A page of the images in the scope that match the query. */
  ImagePage page(ImageQuery query, Scope scope);

  /**
   * Makes a name this save's (or delete's) alone while it works: atomic wherever the catalog is
   * shared, unlike conditional writes, which some S3 servers ignore.
   *
   * @return false if another save holds the name, or the claim could not be recorded
   */
  boolean claim(String filename);

  /** Whether a save or a delete holds the name now. */
  boolean claimed(String filename);

  /** Ends a claim once a save failed, or a delete is done. */
  void release(String filename);
}
