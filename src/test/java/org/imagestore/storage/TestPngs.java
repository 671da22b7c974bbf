package org.imagestore.storage;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

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
    chunk(out, "IHDR", ihdr);
    if (plte != null) {
      chunk(out, "PLTE", plte);
    }
    if (idat != null) {
      chunk(out, "IDAT", idat);
    }
    chunk(out, "IEND", new byte[0]);
    return out.toByteArray();
  }

  static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
    byte[] name = type.getBytes(StandardCharsets.ISO_8859_1);
    CRC32 crc = new CRC32();
    crc.update(name);
    crc.update(data);
    out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
    out.writeBytes(name);
    out.writeBytes(data);
    out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
  }
}
