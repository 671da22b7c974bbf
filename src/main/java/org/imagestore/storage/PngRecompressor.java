package org.imagestore.storage;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;

/**
 * {@code imagestore.recompress=lossless}: a verified PNG's pixel data deflated again at the best
 * level, each row with the filter that suits it best (the smallest sum of absolute differences, as
 * libpng chooses; none for palette and sub-byte images, as libpng advises), and every other chunk
 * kept as it was and where it was: A1111's {@code parameters}, ComfyUI's {@code prompt} and {@code
 * workflow}. Rows are unfiltered and filtered again byte for byte, so no pixel can change. It works
 * a row at a time: memory is the output and a few rows.
 */
final class PngRecompressor {
  /** Pixel data is written in IDAT chunks of this size, as encoders usually do. */
  private static final int IDAT_BYTES = 1 << 20;

  private static final int FILTERS = 5;

  private PngRecompressor() {}

  /** The smaller PNG; empty if it would not be smaller, or for an interlaced one. */
  static Optional<byte[]> recompress(byte[] png) {
    PngInfo info = PngVerifier.header(png);
    if (info.interlaced()) {
      return Optional.empty(); // Adam7 passes have rows of seven widths; rarely worth it
    }
    List<InputStream> data = new ArrayList<>();
    int firstIdat = -1;
    int afterIdat = -1;
    for (int at = 8; at + 12 <= png.length; ) {
      int length = ByteBuffer.wrap(png, at, 4).getInt();
      String type = new String(png, at + 4, 4, StandardCharsets.ISO_8859_1);
      int end = at + 12 + length;
      if (type.equals("IDAT")) {
        firstIdat = firstIdat < 0 ? at : firstIdat;
        afterIdat = end;
        data.add(new ByteArrayInputStream(png, at + 8, length));
      }
      if (type.equals("IEND")) {
        break;
      }
      at = end;
    }
    try {
      byte[] pixels = refilter(new SequenceInputStream(Collections.enumeration(data)), info);
      ByteArrayOutputStream out = new ByteArrayOutputStream(png.length);
      out.write(png, 0, firstIdat);
      for (int at = 0; at < pixels.length; at += IDAT_BYTES) {
        chunk(out, "IDAT", pixels, at, Math.min(IDAT_BYTES, pixels.length - at));
      }
      out.write(png, afterIdat, png.length - afterIdat);
      return out.size() < png.length ? Optional.of(out.toByteArray()) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty(); // the verifier took it, so this is not expected; keep the original
    }
  }

  /** The deflated stream of rows, each filtered anew. */
  private static byte[] refilter(InputStream compressed, PngInfo info) throws IOException {
    int bitsPerPixel = info.bitDepth() * PngVerifier.channels(info.colorType());
    int bpp = Math.max(1, bitsPerPixel / 8);
    int rowBytes = (int) (((long) info.width() * bitsPerPixel + 7) / 8);
    boolean adaptive = info.colorType() != 3 && info.bitDepth() >= 8;
    byte[] previous = new byte[rowBytes];
    byte[] current = new byte[rowBytes];
    byte[][] candidates = new byte[FILTERS][rowBytes];
    ByteArrayOutputStream deflated = new ByteArrayOutputStream();
    Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
    try (InflaterInputStream in = new InflaterInputStream(compressed);
        DeflaterOutputStream out = new DeflaterOutputStream(deflated, deflater, 64 * 1024)) {
      for (int y = 0; y < info.height(); y++) {
        int filter = in.read();
        if (filter < 0 || in.readNBytes(current, 0, rowBytes) != rowBytes) {
          throw new IOException("pixel data ends early");
        }
        unfilter(filter, current, previous, bpp);
        int best = 0;
        long bestSum = Long.MAX_VALUE;
        for (int type = 0; type < (adaptive ? FILTERS : 1); type++) {
          long sum = filter(type, current, previous, bpp, candidates[type]);
          if (sum < bestSum) {
            best = type;
            bestSum = sum;
          }
        }
        out.write(best);
        out.write(candidates[best]);
        byte[] swap = previous;
        previous = current;
        current = swap;
      }
    } finally {
      deflater.end();
    }
    return deflated.toByteArray();
  }

  private static void unfilter(int type, byte[] row, byte[] above, int bpp) throws IOException {
    for (int i = 0; i < row.length; i++) {
      int left = i >= bpp ? row[i - bpp] & 0xff : 0;
      int up = above[i] & 0xff;
      int upLeft = i >= bpp ? above[i - bpp] & 0xff : 0;
      row[i] = (byte) ((row[i] & 0xff) + predictor(type, left, up, upLeft));
    }
  }

  /** Writes the row filtered with {@code type} into {@code out}; returns its sum of |bytes|. */
  private static long filter(int type, byte[] row, byte[] above, int bpp, byte[] out)
      throws IOException {
    long sum = 0;
    for (int i = 0; i < row.length; i++) {
      int left = i >= bpp ? row[i - bpp] & 0xff : 0;
      int up = above[i] & 0xff;
      int upLeft = i >= bpp ? above[i - bpp] & 0xff : 0;
      out[i] = (byte) ((row[i] & 0xff) - predictor(type, left, up, upLeft));
      sum += Math.abs(out[i]);
    }
    return sum;
  }

  private static int predictor(int type, int left, int up, int upLeft) throws IOException {
    return switch (type) {
      case 0 -> 0;
      case 1 -> left;
      case 2 -> up;
      case 3 -> (left + up) >>> 1;
      case 4 -> paeth(left, up, upLeft);
      default -> throw new IOException("unknown row filter " + type);
    };
  }

  private static int paeth(int a, int b, int c) {
    int p = a + b - c;
    int pa = Math.abs(p - a);
    int pb = Math.abs(p - b);
    int pc = Math.abs(p - c);
    return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
  }

  private static void chunk(
      ByteArrayOutputStream out, String type, byte[] data, int at, int length) {
    byte[] name = type.getBytes(StandardCharsets.ISO_8859_1);
    CRC32 crc = new CRC32();
    crc.update(name);
    crc.update(data, at, length);
    out.writeBytes(ByteBuffer.allocate(4).putInt(length).array());
    out.writeBytes(name);
    out.write(data, at, length);
    out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
  }
}
