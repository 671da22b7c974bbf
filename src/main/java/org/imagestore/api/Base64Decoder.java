package org.imagestore.api;

import java.nio.ByteBuffer;
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

  private static final int KINDS = STANDARD | URL;

  /** Each ASCII character's value and alphabet kind, -1 for characters outside both alphabets. */
  private static final int[] VALUES = new int[128];

  /** Moves an alphabet kind from above a 6-bit value to above a quantum's 24 bits. */
  private static final int KIND_SHIFT = 24 - 6;

  /**
   * {@link #VALUES} for whole quanta, one table per place in a quantum: each character's value
   * already shifted to its place among the quantum's 24 bits, its alphabet kind above them, the
   * sign bit for characters outside both alphabets. A quantum is then four lookups or-ed into one
   * int, checked once.
   */
  private static final int[] FIRST = new int[128];

  private static final int[] SECOND = new int[128];
  private static final int[] THIRD = new int[128];
  private static final int[] FOURTH = new int[128];

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
    for (int c = 0; c < VALUES.length; c++) {
      int v = VALUES[c];
      int bits = v < 0 ? Integer.MIN_VALUE : (v & KINDS) << KIND_SHIFT;
      int value = v & 63;
      FIRST[c] = bits | value << 18;
      SECOND[c] = bits | value << 12;
      THIRD[c] = bits | value << 6;
      FOURTH[c] = bits | value;
    }
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

  /**
   * Whole quanta from a quantum's start while there is room: one check that the four characters are
   * ASCII (so that masking them to 7 bits changes none), four lookups, three stores a step.
   */
  private int quanta(char[] text, int from, int to) {
    byte[] o = out;
    int len = length;
    int kinds = 0;
    int i = from;
    for (; i + 4 <= to && len + 3 <= o.length; i += 4, len += 3) {
      char a = text[i];
      char b = text[i + 1];
      char c = text[i + 2];
      char d = text[i + 3];
      if ((a | b | c | d) >= VALUES.length) {
        break;
      }
      int bits = FIRST[a & 127] | SECOND[b & 127] | THIRD[c & 127] | FOURTH[d & 127];
      if (bits < 0) {
        break;
      }
      kinds |= bits;
      o[len] = (byte) (bits >> 16);
      o[len + 1] = (byte) (bits >> 8);
      o[len + 2] = (byte) bits;
    }
    length = len;
    noteAlphabets(kinds >> KIND_SHIFT);
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

  /**
   * The decoded bytes, once the text has ended: the buffer itself from 0 to its limit, not a copy
   * trimmed to size, which would hold a second image-sized array in the heap.
   */
  ByteBuffer finish() {
    if ((standardAlphabet && urlAlphabet) || chars == 1 || (padding > 0 && chars + padding != 4)) {
      throw invalid();
    }
    if (chars == 2) {
      write(quantum >> 4);
    } else if (chars == 3) {
      write(quantum >> 10);
      write(quantum >> 2);
    }
    return ByteBuffer.wrap(out, 0, length);
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
