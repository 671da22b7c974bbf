package org.imagestore.storage;

import static org.imagestore.storage.ImageStoreException.invalidInput;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Checks that bytes are a PNG that decodes, without decoding it into pixels: the header is read
 * first and the pixel limit enforced before any inflation, then every chunk's CRC is checked and
 * the image data is inflated into a small scratch buffer, counting rows and filter bytes. Memory
 * use is constant whatever the image's dimensions, so a decompression bomb costs nothing.
 */
public final class PngVerifier {
  private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  /** Signature, IHDR length and type, the 13 IHDR bytes. */
  public static final int HEADER_BYTES = 8 + 8 + 13;

  private static final int[][] ADAM7 = {
    {0, 0, 8, 8}, {4, 0, 8, 8}, {0, 4, 4, 8}, {2, 0, 4, 4}, {0, 2, 2, 4}, {1, 0, 2, 2}, {0, 1, 1, 2}
  };

  private PngVerifier() {}

  /** Reads width, height and format from the first {@link #HEADER_BYTES} bytes. */
  public static PngInfo header(byte[] png) {
    return header(ByteBuffer.wrap(png));
  }

  /**
   * The same from a buffer, read at absolute positions from 0 (its position is left as it is): a
   * heap array or a mapped upload.
   */
  public static PngInfo header(ByteBuffer png) {
    if (png.limit() < SIGNATURE.length || !startsWithSignature(png)) {
      throw new ImageStoreException(Failure.UNSUPPORTED_MEDIA, "image is not a PNG");
    }
    if (png.limit() < HEADER_BYTES) {
      throw invalidInput("PNG is truncated inside its header");
    }
    if (readInt(png, 8) != 13 || !"IHDR".equals(type(png, 12))) {
      throw invalidInput("PNG does not start with an IHDR chunk");
    }
    long width = readInt(png, 16) & 0xffffffffL;
    long height = readInt(png, 20) & 0xffffffffL;
    int bitDepth = png.get(24) & 0xff;
    int colorType = png.get(25) & 0xff;
    if (width == 0 || height == 0 || width > Integer.MAX_VALUE || height > Integer.MAX_VALUE) {
      throw invalidInput("PNG has invalid dimensions " + width + "x" + height);
    }
    if (channels(colorType) == 0 || !validDepth(colorType, bitDepth)) {
      throw invalidInput("PNG has invalid color type " + colorType + " / bit depth " + bitDepth);
    }
    if (png.get(26) != 0 || png.get(27) != 0 || (png.get(28) != 0 && png.get(28) != 1)) {
      throw invalidInput("PNG uses an unknown compression, filter or interlace method");
    }
    return new PngInfo((int) width, (int) height, bitDepth, colorType, png.get(28) == 1);
  }

  /**
   * Verifies the whole PNG.
   *
   * @throws ImageStoreException {@link Failure#UNSUPPORTED_MEDIA} if it is not a PNG, {@link
   *     Failure#TOO_LARGE} over {@code maxPixels}, {@link Failure#INVALID_INPUT} if it is corrupt
   */
  public static PngInfo verify(byte[] png, long maxPixels) {
    return verify(ByteBuffer.wrap(png), maxPixels);
  }

  /** The same for a buffer, read at absolute positions from 0 to its limit. */
  public static PngInfo verify(ByteBuffer png, long maxPixels) {
    PngInfo info = header(png);
    if (info.pixels() > maxPixels) {
      throw new ImageStoreException(
          Failure.TOO_LARGE,
          "image is "
              + info.width()
              + "x"
              + info.height()
              + " pixels, over the limit of "
              + maxPixels
              + " pixels");
    }
    new ChunkWalk(png, info).run();
    return info;
  }

  private static final class ChunkWalk {
    private final ByteBuffer png;
    private final PngInfo info;
    private final RowCounter rows;
    private final Inflater inflater = new Inflater();
    private final byte[] scratch = new byte[64 * 1024];

    ChunkWalk(ByteBuffer png, PngInfo info) {
      this.png = png;
      this.info = info;
      this.rows = new RowCounter(info);
    }

    void run() {
      try {
        walk();
      } finally {
        inflater.end();
      }
    }

    private void walk() {
      CRC32 crc = new CRC32();
      int pos = SIGNATURE.length;
      boolean seenPalette = false;
      boolean seenData = false;
      boolean dataEnded = false;
      while (true) {
        if (png.limit() - pos < 12) {
          throw invalidInput("PNG is truncated (no IEND chunk)");
        }
        long length = readInt(png, pos) & 0xffffffffL;
        String type = type(png, pos + 4);
        if (length > png.limit() - pos - 12L) {
          throw invalidInput("PNG chunk " + type + " is truncated");
        }
        int data = pos + 8;
        int end = data + (int) length;
        crc.reset();
        crc.update(png.slice(pos + 4, (int) length + 4));
        if ((int) crc.getValue() != readInt(png, end)) {
          throw invalidInput("PNG chunk " + type + " has a bad CRC");
        }
        if (pos > SIGNATURE.length && "IHDR".equals(type)) {
          throw invalidInput("PNG has a second IHDR chunk");
        }
        if ("PLTE".equals(type)) {
          seenPalette = true;
        } else if ("IDAT".equals(type)) {
          if (dataEnded) {
            throw invalidInput("PNG image data is not contiguous");
          }
          if (info.colorType() == 3 && !seenPalette) {
            throw invalidInput("PNG palette image has no PLTE chunk");
          }
          seenData = true;
          inflate(data, (int) length);
        } else if ("IEND".equals(type)) {
          if (!seenData) {
            throw invalidInput("PNG has no image data");
          }
          if (!inflater.finished() || !rows.complete()) {
            throw invalidInput("PNG image data is truncated");
          }
          return;
        } else if (seenData) {
          dataEnded = true;
        }
        pos = end + 4;
      }
    }

    private void inflate(int offset, int length) {
      inflater.setInput(png.slice(offset, length));
      try {
        while (!inflater.needsInput() && !inflater.finished()) {
          int n = inflater.inflate(scratch);
          if (n == 0 && inflater.needsDictionary()) {
            throw invalidInput("PNG image data needs a preset dictionary");
          }
          rows.consume(scratch, n);
        }
      } catch (DataFormatException e) {
        throw invalidInput("PNG image data is corrupt");
      }
    }
  }

  /** Follows the decompressed scanlines: each starts with a filter byte from 0 to 4. */
  private static final class RowCounter {
    private final long[] rowCounts;
    private final long[] rowLengths;
    private int pass;
    private long rowsLeft;
    private long byteInRow;

    RowCounter(PngInfo info) {
      int bitsPerPixel = info.bitDepth() * channels(info.colorType());
      int[][] passes = info.interlaced() ? ADAM7 : new int[][] {{0, 0, 1, 1}};
      rowCounts = new long[passes.length];
      rowLengths = new long[passes.length];
      for (int i = 0; i < passes.length; i++) {
        long w = span(info.width(), passes[i][0], passes[i][2]);
        long h = span(info.height(), passes[i][1], passes[i][3]);
        rowCounts[i] = w == 0 ? 0 : h;
        rowLengths[i] = 1 + (w * bitsPerPixel + 7) / 8;
      }
      pass = -1;
      nextPass();
    }

    private static long span(int size, int start, int step) {
      return size > start ? (size - start + step - 1L) / step : 0;
    }

    private void nextPass() {
      do {
        pass++;
      } while (pass < rowCounts.length && rowCounts[pass] == 0);
      rowsLeft = pass < rowCounts.length ? rowCounts[pass] : 0;
      byteInRow = 0;
    }

    void consume(byte[] buf, int n) {
      int i = 0;
      while (i < n) {
        if (pass >= rowCounts.length) {
          throw invalidInput("PNG has more image data than its dimensions allow");
        }
        if (byteInRow == 0 && (buf[i] & 0xff) > 4) {
          throw invalidInput("PNG scanline has an unknown filter type");
        }
        long step = Math.min(n - i, rowLengths[pass] - byteInRow);
        i += (int) step;
        byteInRow += step;
        if (byteInRow == rowLengths[pass]) {
          byteInRow = 0;
          if (--rowsLeft == 0) {
            nextPass();
          }
        }
      }
    }

    boolean complete() {
      return pass >= rowCounts.length;
    }
  }

  private static boolean startsWithSignature(ByteBuffer png) {
    for (int i = 0; i < SIGNATURE.length; i++) {
      if (png.get(i) != SIGNATURE[i]) {
        return false;
      }
    }
    return true;
  }

  static int channels(int colorType) {
    return switch (colorType) {
      case 0, 3 -> 1;
      case 2 -> 3;
      case 4 -> 2;
      case 6 -> 4;
      default -> 0;
    };
  }

  private static boolean validDepth(int colorType, int depth) {
    return switch (colorType) {
      case 0 -> depth == 1 || depth == 2 || depth == 4 || depth == 8 || depth == 16;
      case 3 -> depth == 1 || depth == 2 || depth == 4 || depth == 8;
      default -> depth == 8 || depth == 16;
    };
  }

  private static int readInt(ByteBuffer b, int at) {
    return ((b.get(at) & 0xff) << 24)
        | ((b.get(at + 1) & 0xff) << 16)
        | ((b.get(at + 2) & 0xff) << 8)
        | (b.get(at + 3) & 0xff);
  }

  private static String type(ByteBuffer b, int at) {
    byte[] name = new byte[4];
    b.get(at, name);
    return new String(name, StandardCharsets.ISO_8859_1);
  }
}
