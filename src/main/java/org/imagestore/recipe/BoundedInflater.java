package org.imagestore.recipe;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Inflates a zlib stream into at most a given number of bytes, so that a small chunk that would
 * inflate to gigabytes (a zlib bomb) costs no more than the limit. Keeps count of what it produced,
 * kept or not, for the caller's budget.
 */
final class BoundedInflater {
  private final int limit;
  private long produced;

  BoundedInflater(int limit) {
    this.limit = limit;
  }

  /** The inflated bytes, or null when the stream is corrupt, truncated or over the limit. */
  byte[] inflate(ByteBuffer zlib) {
    Inflater inflater = new Inflater();
    try {
      inflater.setInput(zlib);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buffer = new byte[8192];
      long total = 0;
      while (!inflater.finished()) {
        long read = inflater.getBytesRead();
        // One byte past the limit is enough to know that the stream is over it.
        int n = inflater.inflate(buffer, 0, (int) Math.min(buffer.length, limit + 1L - total));
        total += n;
        produced += n;
        if (total > limit) {
          return null;
        }
        out.write(buffer, 0, n);
        // No output and no input taken: the stream ends early or wants a preset dictionary.
        if (n == 0 && !inflater.finished() && inflater.getBytesRead() == read) {
          return null;
        }
      }
      return out.toByteArray();
    } catch (DataFormatException e) {
      return null;
    } finally {
      inflater.end();
    }
  }

  /** How many bytes the calls so far inflated, kept or thrown away. */
  long produced() {
    return produced;
  }
}
