package org.imagestore.storage;

/** Fired (synchronously) once an image is deleted, for what derives from it to go too. */
public record ImageDeleted(String filename) {}
