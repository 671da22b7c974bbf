package org.imagestore.storage;

/**
 * What a save did: stored {@code image} anew, or, with {@code imagestore.dedup}, found the same
 * bytes already stored as {@code image} ({@code duplicate}) and wrote nothing.
 */
public record SaveOutcome(StoredImage image, boolean duplicate) {}
