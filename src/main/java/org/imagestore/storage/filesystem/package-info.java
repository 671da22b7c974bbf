/**
 * The {@code filesystem} storage back end: objects as files in the folder {@code imagestore.dir},
 * written to a temp file, forced to disk and published with a hard link that never replaces a file
 * ({@link org.imagestore.storage.filesystem.AtomicFiles}); temp files a crash left are swept at
 * start-up.
 */
package org.imagestore.storage.filesystem;
