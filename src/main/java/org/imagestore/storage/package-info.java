/**
 * The image store and every rule about it: names, PNG validation and lossless recompression,
 * sidecars, the order of writes, name claims, reading storage written by the seed's Python back
 * end. {@link org.imagestore.storage.ImageStore} is the one entry point; it keeps the bytes in an
 * {@link org.imagestore.storage.ObjectStore}, a back end that only stores, reads, lists and deletes
 * named objects: {@code storage.filesystem} (a folder) or {@code storage.s3} (a bucket). Nothing
 * here knows about HTTP.
 */
package org.imagestore.storage;
