package org.imagestore.storage;

/**
 * What answers list-images: an index derived from the folder. The store keeps it up to date as it
 * saves and deletes; the folder stays the source of truth, and reconciliation repairs any drift.
 */
public interface ImageCatalog {
  void put(StoredImage image, FileState state);

  void remove(String filename);

  ImagePage page(ImageQuery query);
}
