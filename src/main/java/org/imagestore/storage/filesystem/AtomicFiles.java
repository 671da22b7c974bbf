package org.imagestore.storage.filesystem;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.UUID;

/**
 * Writes that are never seen half-done: content goes to a temp file in the target folder, is forced
 * to disk, then published under its final name in one step that never replaces an existing file.
 */
final class AtomicFiles {
  /** What writes a file's content; it may throw at any point. */
  @FunctionalInterface
  interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  /** Names of unfinished writes: never an image name, so never listed or served. */
  static final String TEMP_PREFIX = ".imagestore-";

  static final String TEMP_SUFFIX = ".tmp";

  private static final Object MOVE_LOCK = new Object();

  private static final Set<PosixFilePermission> READABLE =
      PosixFilePermissions.fromString("rw-r--r--");

  /**
   * The most bytes handed to the channel at once: it copies heap bytes through a temporary direct
   * buffer as large as the write. Here a 1.7 MB image took 5.8 ms written whole, 0.7 ms in pieces.
   */
  private static final int WRITE_BYTES = 64 * 1024;

  private AtomicFiles() {}

  /**
   * Writes {@code content} to a new temp file in {@code dir}, forced to disk.
   *
   * @param posix whether {@code dir}'s file store has POSIX permissions, asked once by the caller:
   *     the question parses the mount table each time
   */
  static Path writeTemp(Path dir, boolean posix, Content content) throws IOException {
    Path temp = dir.resolve(TEMP_PREFIX + UUID.randomUUID() + TEMP_SUFFIX);
    try (FileChannel channel =
        FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      content.writeTo(unclosable(Channels.newOutputStream(channel)));
      channel.force(true);
    } catch (IOException | RuntimeException e) {
      deleteQuietly(temp);
      throw e;
    }
    if (posix) {
      // Stored images are served by the app and, later, by a front server running as another user.
      Files.setPosixFilePermissions(temp, READABLE);
    }
    return temp;
  }

  /**
   * Gives {@code temp} the name {@code target} unless {@code target} exists.
   *
   * @return false, with {@code temp} left in place, if {@code target} already exists
   */
  static boolean publish(Path temp, Path target) throws IOException {
    try {
      // A hard link is created atomically and fails if the name is taken: no overwrite race.
      Files.createLink(target, temp);
      Files.delete(temp);
      return true;
    } catch (FileAlreadyExistsException e) {
      return false;
    } catch (UnsupportedOperationException | IOException e) {
      // No hard links on this file system: the provider says so with either, depending on the
      // platform (UnsupportedOperationException, or EPERM on FAT and some network mounts).
      return moveIfAbsent(temp, target);
    }
  }

  /** For file systems without hard links: safe against this JVM, not against other writers. */
  private static boolean moveIfAbsent(Path temp, Path target) throws IOException {
    synchronized (MOVE_LOCK) {
      if (Files.exists(target)) {
        return false;
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      return true;
    }
  }

  /**
   * Writers such as JSON-P close the stream they are given; the channel must stay open to force.
   */
  private static OutputStream unclosable(OutputStream out) {
    return new FilterOutputStream(out) {
      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        for (int n; len > 0; off += n, len -= n) {
          n = Math.min(len, WRITE_BYTES);
          out.write(b, off, n);
        }
      }

      @Override
      public void close() throws IOException {
        flush();
      }
    };
  }

  /** Makes the folder's new entries durable; not every platform can open a folder for this. */
  static void syncDirectory(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException | RuntimeException e) {
      // Best effort: the file contents are already forced, only the rename may be lost in a crash.
    }
  }

  static boolean isTempName(String name) {
    return name.startsWith(TEMP_PREFIX) && name.endsWith(TEMP_SUFFIX);
  }

  static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // Left for the start-up sweep of temp files.
    }
  }
}
