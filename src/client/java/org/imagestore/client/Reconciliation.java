package org.imagestore.client;

/** What one reconciliation of the index with the stored images found and did. */
public record Reconciliation(long added, long updated, long removed, long unchanged, long millis) {}
