/**
 * The image store: the folder of {@code generated_*.png} files and their JSON sidecars, and every
 * rule about it (names, PNG validation, atomic writes, reading folders written by the seed's Python
 * back end). {@link org.imagestore.storage.ImageStore} is the one entry point; nothing here knows
 * about HTTP.
 */
package org.imagestore.storage;
