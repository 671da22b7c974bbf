package org.imagestore.recipe;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/** Hand-built PNGs and chunks for the recipe tests: a 1x1 grey image, text chunks inserted. */
final class RecipePngs {
  private RecipePngs() {}

  /** A valid 1x1 8-bit grey PNG: signature, IHDR, IDAT, IEND. */
  static byte[] tiny() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
    out.writeBytes(
        chunk("IHDR", ByteBuffer.allocate(13).putInt(1).putInt(1).put((byte) 8).array()));
    out.writeBytes(chunk("IDAT", deflate(new byte[] {0, 127})));
    out.writeBytes(chunk("IEND", new byte[0]));
    return out.toByteArray();
  }

  /** {@code png} with the chunks inserted where {@link PngText#INSERT_OFFSET} says. */
  static byte[] with(byte[] png, byte[]... chunks) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(png, 0, PngText.INSERT_OFFSET);
    for (byte[] chunk : chunks) {
      out.writeBytes(chunk);
    }
    out.write(png, PngText.INSERT_OFFSET, png.length - PngText.INSERT_OFFSET);
    return out.toByteArray();
  }

  static byte[] chunk(String type, byte[] data) {
    CRC32 crc = new CRC32();
    crc.update(type.getBytes(ISO_8859_1));
    crc.update(data);
    return ByteBuffer.allocate(12 + data.length)
        .putInt(data.length)
        .put(type.getBytes(ISO_8859_1))
        .put(data)
        .putInt((int) crc.getValue())
        .array();
  }

  static byte[] ztxt(String keyword, byte[] zlib) {
    return chunk("zTXt", concat(latin1(keyword), new byte[] {0, 0}, zlib));
  }

  static byte[] itxt(String keyword, String text, boolean compressed) {
    byte[] utf8 = text.getBytes(UTF_8);
    byte[] header = {0, (byte) (compressed ? 1 : 0), 0};
    return chunk(
        "iTXt",
        concat(
            latin1(keyword),
            header,
            "vi".getBytes(ISO_8859_1),
            new byte[] {0},
            "lời nhắc".getBytes(UTF_8),
            new byte[] {0},
            compressed ? deflate(utf8) : utf8));
  }

  static byte[] latin1(String text) {
    return text.getBytes(ISO_8859_1);
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
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

  /** {@code bytes} zero bytes, deflated without ever holding them: a zlib bomb. */
  static byte[] zeros(long bytes) {
    Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
    byte[] block = new byte[1 << 20];
    byte[] buffer = new byte[1 << 16];
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (long left = bytes; left > 0; left -= block.length) {
      deflater.setInput(block, 0, (int) Math.min(block.length, left));
      while (!deflater.needsInput()) {
        out.write(buffer, 0, deflater.deflate(buffer));
      }
    }
    deflater.finish();
    while (!deflater.finished()) {
      out.write(buffer, 0, deflater.deflate(buffer));
    }
    deflater.end();
    return out.toByteArray();
  }
}
