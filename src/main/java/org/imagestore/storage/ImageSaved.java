package org.imagestore.storage;

/** Fired (synchronously) once an image is stored and indexed, for what derives from it. */
public record ImageSaved(StoredImage image) {}
