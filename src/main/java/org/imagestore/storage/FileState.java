package org.imagestore.storage;

/**
 * The versions of an image and of its sidecar (-1 for no sidecar) as the back end reports them: a
 * file's modification millis, a hash of an object's ETag. A change tells the index that its entry
 * is out of date.
 */
public record FileState(long imageVersion, long sidecarVersion) {}
