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

  /** Kinds of alphabet a character belongs to, above its 6-bit value in {@link #VALUES}. */
  private static final int STANDARD = 1 << 6;

  private static final int URL = 2 << 6;

  /** Each ASCII character's value and alphabet kind, -1 for characters outside both alphabets. */
  private static final int[] VALUES = new int[128];

  static {
    Arrays.fill(VALUES, -1);
    String common = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    for (int i = 0; i < common.length(); i++) {
      VALUES[common.charAt(i)] = i;
    }
    VALUES['+'] = 62 | STANDARD;
    VALUES['/'] = 63 | STANDARD;
    VALUES['-'] = 62 | URL;
    VALUES['_'] = 63 | URL;
  }

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

  /**
   * Decodes {@code text} from {@code from} for as long as it holds alphabet characters before any
   * padding, the same as {@link #accept(char)} for each of them but in one loop (a save's image is
   * millions of them).
   *
   * @return where it stopped: {@code to}, or the first character for {@link #accept(char)}
   */
  int acceptRun(char[] text, int from, int to) {
    if (padding > 0) {
      return from;
    }
    // One by one up to a quantum's start, then whole quanta, then the rest one by one.
    int i = chars == 0 ? from : oneByOne(text, from, Math.min(to, from + 4 - chars));
    if (chars == 0) {
      i = quanta(text, i, to);
    }
    i = oneByOne(text, i, to);
    any |= i > from;
    return i;
  }

  /** Whole quanta from a quantum's start while there is room: four lookups, three stores a step. */
  private int quanta(char[] text, int from, int to) {
    byte[] o = out;
    int len = length;
    int kinds = 0;
    int i = from;
    for (; i + 4 <= to && len + 3 <= o.length; i += 4, len += 3) {
      int a = code(text[i]);
      int b = code(text[i + 1]);
      int c = code(text[i + 2]);
      int d = code(text[i + 3]);
      if ((a | b | c | d) < 0) {
        break;
      }
      kinds |= a | b | c | d;
      int bits = (a & 63) << 18 | (b & 63) << 12 | (c & 63) << 6 | d & 63;
      o[len] = (byte) (bits >> 16);
      o[len + 1] = (byte) (bits >> 8);
      o[len + 2] = (byte) bits;
    }
    length = len;
    noteAlphabets(kinds);
    return i;
  }

  /** Alphabet characters one at a time, as {@link #accept(char)} takes them, until another. */
  private int oneByOne(char[] text, int from, int to) {
    int q = quantum;
    int n = chars;
    int kinds = 0;
    int i = from;
    for (; i < to; i++) {
      int v = code(text[i]);
      if (v < 0) {
        break;
      }
      kinds |= v;
      q = q << 6 | (v & 63);
      if (++n == 4) {
        write(q >> 16);
        write(q >> 8);
        write(q);
        q = 0;
        n = 0;
      }
    }
    quantum = q;
    chars = n;
    noteAlphabets(kinds);
    return i;
  }

  private void noteAlphabets(int kinds) {
    standardAlphabet |= (kinds & STANDARD) != 0;
    urlAlphabet |= (kinds & URL) != 0;
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

  /** The character's entry in {@link #VALUES}: its value with its alphabet's bit, or -1. */
  private static int code(char c) {
    return c < VALUES.length ? VALUES[c] : -1;
  }

  private int value(char c) {
    int v = code(c);
    if (v >= 0) {
      noteAlphabets(v);
    }
    return v < 0 ? -1 : v & 63;
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
