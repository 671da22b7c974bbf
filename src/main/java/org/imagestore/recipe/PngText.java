package org.imagestore.recipe;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * The text chunks of a PNG: reading {@code tEXt}, {@code zTXt} and {@code iTXt}, and building a
 * chunk to insert. Reading walks the chunk headers with absolute gets and decodes only the text
 * chunks, so that a memory-mapped file of many megabytes is neither copied nor moved; a malformed
 * text chunk is skipped, and the text read from one PNG is bounded, whatever the chunks claim.
 */
public final class PngText {
  /**
   * Where a new chunk may go in any PNG: right after IHDR, which is always first and always 13
   * bytes (8 of signature, then 4 of length, 4 of type, 13 of data and 4 of CRC).
   */
  public static final int INSERT_OFFSET = 33;

  /** The most one compressed chunk may inflate to: real recipes take a few kilobytes. */
  static final int MAX_CHUNK_TEXT = 1 << 20;

  /** The most text bytes decoded from one PNG, kept or not: bounds the work a PNG can ask for. */
  public static final int MAX_TOTAL_TEXT = 4 << 20;

  /**
   * Text chunks kept at most: a PNG of a million empty chunks would cost a million objects, within
   * the text budget. Tools write a handful.
   */
  static final int MAX_CHUNKS = 64;

  private static final int MAX_KEYWORD = 79;
  private static final int TEXT = type("tEXt");
  private static final int ZTXT = type("zTXt");
  private static final int ITXT = type("iTXt");
  private static final int IEND = type("IEND");

  private final ByteBuffer png;
  private final List<TextChunk> chunks = new ArrayList<>();
  private long budget = MAX_TOTAL_TEXT;

  private PngText(ByteBuffer png) {
    this.png = png;
  }

  /**
   * The text chunks of {@code png}, in file order, from index 0 to its limit. Never throws and
   * leaves the buffer's position, limit and order as they were.
   */
  public static List<TextChunk> read(ByteBuffer png) {
    PngText reader = new PngText(png);
    reader.walk();
    return List.copyOf(reader.chunks);
  }

  /**
   * A complete chunk (length, type, data, CRC) holding {@code text} under {@code keyword}: {@code
   * tEXt} when the text is ISO-8859-1, else an uncompressed {@code iTXt} in UTF-8. NUL characters,
   * which no PNG text may hold, are left out.
   *
   * @throws IllegalArgumentException when the keyword is not a valid PNG keyword
   */
  public static byte[] chunk(String keyword, String text) {
    if (!ISO_8859_1.newEncoder().canEncode(keyword)) {
      throw new IllegalArgumentException("not a PNG keyword: " + keyword);
    }
    byte[] key = keyword.getBytes(ISO_8859_1);
    if (!validKeyword(ByteBuffer.wrap(key), 0, key.length)) {
      throw new IllegalArgumentException("not a PNG keyword: " + keyword);
    }
    String clean = text.replace("\0", "");
    ByteArrayOutputStream data = new ByteArrayOutputStream();
    data.writeBytes(key);
    data.write(0);
    String type;
    if (ISO_8859_1.newEncoder().canEncode(clean)) {
      type = "tEXt";
      data.writeBytes(clean.getBytes(ISO_8859_1));
    } else {
      type = "iTXt";
      // Not compressed, method 0, no language tag, no translated keyword.
      data.writeBytes(new byte[] {0, 0, 0, 0});
      data.writeBytes(clean.getBytes(UTF_8));
    }
    return frame(type, data.toByteArray());
  }

  private void walk() {
    long end = png.limit();
    long at = 8;
    while (at + 12 <= end && budget > 0) {
      long length = int32((int) at) & 0xffffffffL;
      int type = int32((int) at + 4);
      if (type == IEND || at + 12 + length > end) {
        return;
      }
      int data = (int) at + 8;
      if (chunks.size() == MAX_CHUNKS) {
        return;
      }
      if (type == TEXT) {
        text(data, (int) length);
      } else if (type == ZTXT) {
        compressedText(data, (int) length);
      } else if (type == ITXT) {
        internationalText(data, (int) length);
      }
      at += 12 + length;
    }
  }

  private void text(int data, int length) {
    int nul = keywordEnd(data, length);
    if (nul < 0) {
      return;
    }
    int textLength = data + length - nul - 1;
    if (textLength <= budget) {
      budget -= textLength;
      add(data, nul, ISO_8859_1.decode(png.slice(nul + 1, textLength)).toString());
    }
  }

  private void compressedText(int data, int length) {
    int nul = keywordEnd(data, length);
    if (nul < 0 || nul + 1 >= data + length || png.get(nul + 1) != 0) {
      return;
    }
    byte[] text = inflate(nul + 2, data + length - nul - 2);
    if (text != null) {
      add(data, nul, new String(text, ISO_8859_1));
    }
  }

  private void internationalText(int data, int length) {
    int end = data + length;
    int nul = keywordEnd(data, length);
    if (nul < 0 || nul + 3 > end) {
      return;
    }
    int flag = png.get(nul + 1);
    int method = png.get(nul + 2);
    int language = indexOfNul(nul + 3, end);
    int translated = language < 0 ? -1 : indexOfNul(language + 1, end);
    if (translated < 0 || flag < 0 || flag > 1 || (flag == 1 && method != 0)) {
      return;
    }
    int start = translated + 1;
    ByteBuffer utf8;
    if (flag == 1) {
      byte[] inflated = inflate(start, end - start);
      if (inflated == null) {
        return;
      }
      utf8 = ByteBuffer.wrap(inflated);
    } else if (end - start <= budget) {
      budget -= end - start;
      utf8 = png.slice(start, end - start);
    } else {
      return;
    }
    try {
      String text =
          UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(utf8)
              .toString();
      add(data, nul, text);
    } catch (CharacterCodingException e) {
      // Not UTF-8: a malformed chunk, skipped like the others.
    }
  }

  private byte[] inflate(int start, int length) {
    BoundedInflater inflater = new BoundedInflater((int) Math.min(MAX_CHUNK_TEXT, budget));
    byte[] text = inflater.inflate(png.slice(start, length));
    budget -= Math.min(budget, inflater.produced());
    return text;
  }

  private void add(int keyword, int nul, String text) {
    chunks.add(
        new TextChunk(ISO_8859_1.decode(png.slice(keyword, nul - keyword)).toString(), text));
  }

  /** The index of the NUL that ends a valid keyword at {@code data}, or -1. */
  private int keywordEnd(int data, int length) {
    int nul = indexOfNul(data, data + Math.min(length, MAX_KEYWORD + 1));
    return nul > data && validKeyword(png, data, nul - data) ? nul : -1;
  }

  private int indexOfNul(int from, int to) {
    for (int i = from; i < to; i++) {
      if (png.get(i) == 0) {
        return i;
      }
    }
    return -1;
  }

  /** 1 to 79 printable Latin-1 characters, spaces neither leading, trailing nor doubled. */
  private static boolean validKeyword(ByteBuffer bytes, int from, int length) {
    if (length < 1 || length > MAX_KEYWORD) {
      return false;
    }
    for (int i = from; i < from + length; i++) {
      int c = bytes.get(i) & 0xff;
      boolean printable = (c >= 32 && c <= 126) || c >= 161;
      boolean badSpace =
          c == ' ' && (i == from || i == from + length - 1 || bytes.get(i - 1) == ' ');
      if (!printable || badSpace) {
        return false;
      }
    }
    return true;
  }

  /** Big-endian whatever the buffer's order, which is the caller's. */
  private int int32(int at) {
    return (png.get(at) & 0xff) << 24
        | (png.get(at + 1) & 0xff) << 16
        | (png.get(at + 2) & 0xff) << 8
        | (png.get(at + 3) & 0xff);
  }

  private static int type(String name) {
    return ByteBuffer.wrap(name.getBytes(ISO_8859_1)).getInt();
  }

  private static byte[] frame(String type, byte[] data) {
    byte[] name = type.getBytes(ISO_8859_1);
    CRC32 crc = new CRC32();
    crc.update(name);
    crc.update(data);
    return ByteBuffer.allocate(12 + data.length)
        .putInt(data.length)
        .put(name)
        .put(data)
        .putInt((int) crc.getValue())
        .array();
  }
}
