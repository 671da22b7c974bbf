package org.imagestore.it;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import javax.imageio.ImageIO;

/** PNGs made in the test: real ones from ImageIO, and hand-built hostile ones. */
public final class Pngs {
  private Pngs() {}

  /**
   * For the benchmarks: {@code realistic <folder> <width> <height> <count>} writes that many
   * realistic PNGs (seeds 0 to count - 1) as {@code <width>x<height>-<seed>.png}.
   */
  public static void main(String[] args) throws IOException {
    java.nio.file.Path folder = Path.of(args[1]);
    int width = Integer.parseInt(args[2]);
    int height = Integer.parseInt(args[3]);
    Files.createDirectories(folder);
    for (int seed = 0; seed < Integer.parseInt(args[4]); seed++) {
      Files.write(
          folder.resolve(width + "x" + height + "-" + seed + ".png"),
          realistic(width, height, seed));
    }
  }

  /** A PNG of random pixels: it barely compresses, so 768x768 is about 1.7 MB. */
  public static byte[] noise(int width, int height, long seed) {
    Random random = new Random(seed);
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        image.setRGB(x, y, random.nextInt(0x1000000));
      }
    }
    return encode(image);
  }

  /**
   * A PNG that compresses like Stable Diffusion output: smooth gradients, soft shapes and noise of
   * low amplitude (a 1024x1024 one is about 1.5 MB, where random pixels would be 3 MB).
   */
  public static byte[] realistic(int width, int height, long seed) {
    return encode(realisticImage(width, height, seed));
  }

  /** The pixels of {@link #realistic}. */
  public static BufferedImage realisticImage(int width, int height, long seed) {
    Random random = new Random(seed);
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    double[][] blobs = new double[6][];
    for (int i = 0; i < blobs.length; i++) {
      blobs[i] =
          new double[] {
            random.nextDouble() * width,
            random.nextDouble() * height,
            (0.1 + random.nextDouble() * 0.3) * Math.max(width, height),
            random.nextInt(256),
            random.nextInt(256),
            random.nextInt(256)
          };
    }
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        double r = 255.0 * x / width;
        double g = 255.0 * y / height;
        double b = 128;
        for (double[] blob : blobs) {
          double dx = x - blob[0];
          double dy = y - blob[1];
          double weight = Math.exp(-(dx * dx + dy * dy) / (blob[2] * blob[2]));
          r += (blob[3] - r) * weight;
          g += (blob[4] - g) * weight;
          b += (blob[5] - b) * weight;
        }
        int noise = random.nextInt(9) - 4;
        image.setRGB(x, y, (clamp(r + noise) << 16) | (clamp(g + noise) << 8) | clamp(b + noise));
      }
    }
    return image;
  }

  private static int clamp(double value) {
    return (int) Math.max(0, Math.min(255, Math.round(value)));
  }

  /**
   * An RGB PNG as a quick encoder writes it: no row filters, deflated at {@code level} (PIL, which
   * AUTOMATIC1111 saves with, filters little and deflates at 6), with the text chunks, in order,
   * before the pixels.
   */
  public static byte[] quick(BufferedImage image, int level, Map<String, String> text) {
    int width = image.getWidth();
    ByteArrayOutputStream raw = new ByteArrayOutputStream();
    for (int y = 0; y < image.getHeight(); y++) {
      raw.write(0);
      for (int x = 0; x < width; x++) {
        int rgb = image.getRGB(x, y);
        raw.write(rgb >> 16);
        raw.write(rgb >> 8);
        raw.write(rgb);
      }
    }
    Deflater deflater = new Deflater(level);
    deflater.setInput(raw.toByteArray());
    deflater.finish();
    ByteArrayOutputStream data = new ByteArrayOutputStream();
    byte[] buffer = new byte[64 * 1024];
    while (!deflater.finished()) {
      data.write(buffer, 0, deflater.deflate(buffer));
    }
    deflater.end();
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    png.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
    ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(image.getHeight());
    ihdr.put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
    chunk(png, "IHDR", ihdr.array());
    text.forEach(
        (key, value) ->
            chunk(png, "tEXt", (key + "\0" + value).getBytes(StandardCharsets.ISO_8859_1)));
    chunk(png, "IDAT", data.toByteArray());
    chunk(png, "IEND", new byte[0]);
    return png.toByteArray();
  }

  /** A small PNG: a flat colour compresses to a few hundred bytes whatever its size. */
  public static byte[] flat(int width, int height, int rgb) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        image.setRGB(x, y, rgb);
      }
    }
    return encode(image);
  }

  /**
   * The SHA-256 of some bytes in lower-case hex, as the service writes it in ETags and sidecars.
   */
  public static String sha256(byte[] bytes) {
    try {
      return java.util.HexFormat.of()
          .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String base64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  /**
   * A decompression bomb: a valid header claiming {@code side x side} pixels, a few bytes of data.
   */
  public static byte[] bomb(int side) {
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    png.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
    ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(side).putInt(side);
    ihdr.put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
    chunk(png, "IHDR", ihdr.array());
    Deflater deflater = new Deflater();
    deflater.setInput(new byte[1 << 20]);
    deflater.finish();
    byte[] data = new byte[4096];
    int n = deflater.deflate(data);
    chunk(png, "IDAT", java.util.Arrays.copyOf(data, n));
    chunk(png, "IEND", new byte[0]);
    return png.toByteArray();
  }

  /** The PNG with one more chunk right after IHDR, where A1111 writes its {@code parameters}. */
  public static byte[] withChunk(byte[] png, String type, byte[] data) {
    int afterHeader = 8 + 25;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(png, 0, afterHeader);
    chunk(out, type, data);
    out.write(png, afterHeader, png.length - afterHeader);
    return out.toByteArray();
  }

  /** The same with a {@code tEXt} chunk: keyword, NUL, text in ISO-8859-1. */
  public static byte[] withText(byte[] png, String keyword, String text) {
    return withChunk(png, "tEXt", (keyword + "\0" + text).getBytes(StandardCharsets.ISO_8859_1));
  }

  /** Appends one chunk: length, type, data and its CRC. */
  public static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
    byte[] typeBytes = type.getBytes(StandardCharsets.ISO_8859_1);
    CRC32 crc = new CRC32();
    crc.update(typeBytes);
    crc.update(data);
    out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
    out.writeBytes(typeBytes);
    out.writeBytes(data);
    out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
  }

  private static byte[] encode(BufferedImage image) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ImageIO.write(image, "png", out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
