package org.imagestore.storage;

/** Space on the storage volume, in bytes; usable is what this process may still write. */
public record Volume(long totalBytes, long freeBytes, long usableBytes) {}
