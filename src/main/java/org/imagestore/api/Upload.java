package org.imagestore.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.imagestore.recipe.PngText;
import org.imagestore.storage.Failure;
import org.imagestore.storage.ImageStoreException;

/**
 * An uploaded image in a temp file, for the raw and multipart saves: the body is copied there as it
 * arrives, then mapped read-only, so a 20 MiB upload costs the heap a 64 KiB buffer and the store
 * reads the bytes from the page cache. Closing deletes the file; the mapping goes with its buffer.
 */
final class Upload implements AutoCloseable {
  private static final int COPY_BYTES = 64 * 1024;

  private final Path file;
  private long size;

  private Upload(Path file) {
    this.file = file;
  }

  /** An empty upload in {@code dir}: a new file that only this process's user can read. */
  static Upload create(Path dir) {
    try {
      Files.createDirectories(dir);
      return new Upload(Files.createTempFile(dir, "imagestore-upload-", ".tmp"));
    } catch (IOException e) {
      throw storageProblem(e);
    }
  }

  /** Copies {@code in} into the file, at most {@code maxBytes}: past them, 413; none, 400. */
  void write(InputStream in, long maxBytes) {
    byte[] buffer = new byte[COPY_BYTES];
    long total = 0;
    try (OutputStream out = Files.newOutputStream(file)) {
      for (int n; (n = read(in, buffer)) > 0; ) {
        total += n;
        if (total > maxBytes) {
          throw new ImageStoreException(
              Failure.TOO_LARGE, "image is over the limit of " + maxBytes + " bytes");
        }
        out.write(buffer, 0, n);
      }
    } catch (IOException e) {
      throw storageProblem(e);
    }
    if (total == 0) {
      throw ImageStoreException.invalidInput("image is empty");
    }
    size = total;
  }

  /**
   * The most heap a save of this upload takes, for {@link SaveBudget}: not the image, which stays
   * in the file, but the text its chunks may hold (as bytes, then as strings) and, with {@code
   * imagestore.recompress=lossless}, the recompressed image (its deflated pixels, the output and
   * its copy).
   */
  long memoryBytes(boolean recompress) {
    return 2L * PngText.MAX_TOTAL_TEXT + (recompress ? 3 * size : 0);
  }

  /** The bytes as a read-only buffer over the file, outside the heap. */
  ByteBuffer bytes() {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      return channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reading the body fails when the client goes away: that is the client's request, a 400. */
  private static int read(InputStream in, byte[] buffer) {
    try {
      return in.read(buffer);
    } catch (LimitedInputStream.LimitExceeded e) {
      throw e.refusal();
    } catch (IOException e) {
      throw ImageStoreException.invalidInput("the request body could not be read: " + e);
    }
  }

  /** The temp folder full is the storage's 507; any other failure there is the server's. */
  private static RuntimeException storageProblem(IOException e) {
    String message = String.valueOf(e.getMessage());
    if (message.contains("No space left") || message.contains("Disk quota exceeded")) {
      return new ImageStoreException(
          Failure.INSUFFICIENT_STORAGE, "no space left for the upload in imagestore.upload-dir");
    }
    return new UncheckedIOException(e);
  }

  @Override
  public void close() {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // Left in the temp folder; nothing lists or serves it.
    }
  }
}
