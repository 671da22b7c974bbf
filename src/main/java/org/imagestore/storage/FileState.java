package org.imagestore.storage;

/**
 * When an image and its sidecar were last modified (millis; -1 for no sidecar): what tells an index
 * that its entry is out of date.
 */
public record FileState(long imageModified, long sidecarModified) {}
