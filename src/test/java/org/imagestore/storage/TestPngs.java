package org.imagestore.storage;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.zip.Deflater;
import org.imagestore.it.Pngs;

/** Hand-built PNGs: each chunk and each scanline under the test's control. */
final class TestPngs {
  private TestPngs() {}

  static byte[] ihdr(int width, int height, int depth, int colorType, int interlace) {
    return ByteBuffer.allocate(13)
        .putInt(width)
        .putInt(height)
        .put((byte) depth)
        .put((byte) colorType)
        .put((byte) 0)
        .put((byte) 0)
        .put((byte) interlace)
        .array();
  }

  /** An 8-bit grey image of {@code rows} scanlines of {@code rowBytes} pixels, filter 0. */
  static byte[] grey(int width, int height) {
    return png(ihdr(width, height, 8, 0, 0), null, deflate(scanlines(height, width, 0)));
  }

  static byte[] scanlines(int rows, int rowBytes, int filter) {
    byte[] raw = new byte[rows * (rowBytes + 1)];
    for (int r = 0; r < rows; r++) {
      raw[r * (rowBytes + 1)] = (byte) filter;
    }
    return raw;
  }

  static byte[] deflate(byte[] raw) {
    Deflater deflater = new Deflater();
    deflater.setInput(raw);
    deflater.finish();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    while (!deflater.finished()) {
      out.write(buffer, 0, deflater.deflate(buffer));
    }
    deflater.end();
    return out.toByteArray();
  }

  static byte[] png(byte[] ihdr, byte[] plte, byte[] idat) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
    Pngs.chunk(out, "IHDR", ihdr);
    if (plte != null) {
      Pngs.chunk(out, "PLTE", plte);
    }
    if (idat != null) {
      Pngs.chunk(out, "IDAT", idat);
    }
    Pngs.chunk(out, "IEND", new byte[0]);
    return out.toByteArray();
  }
}
