package org.imagestore.storage;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * {@code imagestore.recompress=lossless}: a verified PNG's pixel data deflated again at the best
 * level, each row with the filter that suits it best (the smallest sum of absolute differences, as
 * libpng chooses; none for palette and sub-byte images, as libpng advises), and every other chunk
 * kept as it was and where it was: A1111's {@code parameters}, ComfyUI's {@code prompt} and {@code
 * workflow}. Rows are unfiltered ({@link PngRows}) and filtered again byte for byte, so no pixel
 * can change. It works a row at a time: memory is the output and a few rows.
 */
final class PngRecompressor {
  /** Pixel data is written in IDAT chunks of this size, as encoders usually do. */
  private static final int IDAT_BYTES = 1 << 20;

  private static final int FILTERS = 5;

  private PngRecompressor() {}

  /** The smaller PNG; empty if it would not be smaller, or for an interlaced one. */
  static Optional<byte[]> recompress(ByteBuffer png) {
    if (PngVerifier.header(png).interlaced()) {
      return Optional.empty(); // Adam7 passes have rows of seven widths; rarely worth it
    }
    int size = png.limit();
    int firstIdat = -1;
    int afterIdat = -1;
    byte[] name = new byte[4];
    for (int at = 8; at + 12 <= size; ) {
      int length = png.getInt(at);
      png.get(at + 4, name);
      String type = new String(name, StandardCharsets.ISO_8859_1);
      int end = at + 12 + length;
      if (type.equals("IDAT")) {
        firstIdat = firstIdat < 0 ? at : firstIdat;
        afterIdat = end;
      }
      if (type.equals("IEND")) {
        break;
      }
      at = end;
    }
    try (PngRows rows = new PngRows(ObjectBytes.of(png).stream())) {
      byte[] pixels = refilter(rows);
      ByteArrayOutputStream out = new ByteArrayOutputStream(size);
      ObjectBytes.of(png.slice(0, firstIdat)).writeTo(out);
      for (int at = 0; at < pixels.length; at += IDAT_BYTES) {
        chunk(out, "IDAT", pixels, at, Math.min(IDAT_BYTES, pixels.length - at));
      }
      ObjectBytes.of(png.slice(afterIdat, size - afterIdat)).writeTo(out);
      return out.size() < size ? Optional.of(out.toByteArray()) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty(); // the verifier took it, so this is not expected; keep the original
    }
  }

  /** The deflated stream of rows, each filtered anew. */
  private static byte[] refilter(PngRows rows) throws IOException {
    PngInfo info = rows.info();
    boolean adaptive = info.colorType() != 3 && info.bitDepth() >= 8;
    byte[][] candidates = null;
    ByteArrayOutputStream deflated = new ByteArrayOutputStream();
    Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
    try (DeflaterOutputStream out = new DeflaterOutputStream(deflated, deflater, 64 * 1024)) {
      for (int y = 0; y < info.height(); y++) {
        byte[] row = rows.next();
        if (candidates == null) {
          candidates = new byte[FILTERS][row.length];
        }
        int best = 0;
        long bestSum = Long.MAX_VALUE;
        for (int type = 0; type < (adaptive ? FILTERS : 1); type++) {
          long sum = filter(type, row, rows.previous(), rows.bytesPerPixel(), candidates[type]);
          if (sum < bestSum) {
            best = type;
            bestSum = sum;
          }
        }
        out.write(best);
        out.write(candidates[best]);
      }
    } finally {
      deflater.end();
    }
    return deflated.toByteArray();
  }

  /** Writes the row filtered with {@code type} into {@code out}; returns its sum of |bytes|. */
  private static long filter(int type, byte[] row, byte[] above, int bpp, byte[] out)
      throws IOException {
    long sum = 0;
    for (int i = 0; i < row.length; i++) {
      out[i] = (byte) ((row[i] & 0xff) - PngRows.predictor(type, row, above, i, bpp));
      sum += Math.abs(out[i]);
    }
    return sum;
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
