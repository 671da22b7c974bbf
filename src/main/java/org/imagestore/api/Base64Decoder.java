package org.imagestore.api;

import java.util.Arrays;
import org.imagestore.storage.Failure;
import org.imagestore.storage.ImageStoreException;

/**
 * Base64 decoded one character at a time, into a buffer that never grows past the image limit, so
 * that a save holds the decoded bytes once and never the text. It accepts what {@link
 * java.util.Base64#getDecoder()} accepts, or {@link java.util.Base64#getUrlDecoder()} for text with
 * {@code -} or {@code _}: optional but correct padding, nothing after it, one alphabet.
 */
final class Base64Decoder {
  private static final int INITIAL_CAPACITY = 64 * 1024;

  private final int maxBytes;
  private byte[] out;
  private int length;
  private int quantum;
  private int chars;
  private int padding;
  private boolean standardAlphabet;
  private boolean urlAlphabet;
  private boolean any;

  /**
   * @param maxBytes the most bytes the text may decode to
   * @param expectedBytes how many bytes the text will likely decode to, to size the buffer once; 0
   *     or less if unknown
   */
  Base64Decoder(long maxBytes, long expectedBytes) {
    this.maxBytes = (int) Math.min(maxBytes, Integer.MAX_VALUE - 8);
    long capacity = expectedBytes > 0 ? expectedBytes : INITIAL_CAPACITY;
    this.out = new byte[(int) Math.min(capacity, this.maxBytes)];
  }

  void accept(char c) {
    any = true;
    if (padding > 0) {
      if (c != '=' || chars + padding == 4) {
        throw invalid();
      }
      padding++;
      return;
    }
    int value = value(c);
    if (value < 0) {
      if (c != '=' || chars < 2) {
        throw invalid();
      }
      padding = 1;
      return;
    }
    quantum = quantum << 6 | value;
    if (++chars == 4) {
      write(quantum >> 16);
      write(quantum >> 8);
      write(quantum);
      quantum = 0;
      chars = 0;
    }
  }

  /** Whether any character was given at all. */
  boolean isEmpty() {
    return !any;
  }

  /** The decoded bytes, once the text has ended. */
  byte[] finish() {
    if ((standardAlphabet && urlAlphabet) || chars == 1 || (padding > 0 && chars + padding != 4)) {
      throw invalid();
    }
    if (chars == 2) {
      write(quantum >> 4);
    } else if (chars == 3) {
      write(quantum >> 10);
      write(quantum >> 2);
    }
    return length == out.length ? out : Arrays.copyOf(out, length);
  }

  private int value(char c) {
    if (c >= 'A' && c <= 'Z') {
      return c - 'A';
    }
    if (c >= 'a' && c <= 'z') {
      return c - 'a' + 26;
    }
    if (c >= '0' && c <= '9') {
      return c - '0' + 52;
    }
    if (c == '+' || c == '/') {
      standardAlphabet = true;
      return c == '+' ? 62 : 63;
    }
    if (c == '-' || c == '_') {
      urlAlphabet = true;
      return c == '-' ? 62 : 63;
    }
    return -1;
  }

  private void write(int b) {
    if (length == out.length) {
      if (length == maxBytes) {
        throw new ImageStoreException(
            Failure.TOO_LARGE, "image is over the limit of " + maxBytes + " bytes");
      }
      out = Arrays.copyOf(out, (int) Math.min(Math.max(1L, (long) length * 2), maxBytes));
    }
    out[length++] = (byte) b;
  }

  private static ImageStoreException invalid() {
    return ImageStoreException.invalidInput("image is not valid base64");
  }
}
