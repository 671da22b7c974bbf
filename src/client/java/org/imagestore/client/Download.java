package org.imagestore.client;

/**
 * What {@link ImageStoreClient#download} did: {@code written} is false for a 304 (the caller's copy
 * is current), and {@code etag} is the one to send next time.
 */
public record Download(String etag, boolean written, long bytes) {}
