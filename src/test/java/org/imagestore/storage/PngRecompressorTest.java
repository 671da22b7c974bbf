package org.imagestore.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.imagestore.it.Pngs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PngRecompressorTest {
  private static final Map<String, String> TEXT = new LinkedHashMap<>();

  static {
    TEXT.put("parameters", "a red fox in snow\nSteps: 20, Sampler: Euler a, Seed: 123");
    TEXT.put("prompt", "{\"3\": {\"class_type\": \"KSampler\"}}");
    TEXT.put("workflow", "{\"nodes\": []}");
  }

  @Test
  void aQuicklyDeflatedImageGetsSmallerWithTheSamePixelsAndEveryTextChunk() throws IOException {
    BufferedImage image = Pngs.realisticImage(320, 240, 1);
    byte[] quick = Pngs.quick(image, 1, TEXT);
    byte[] smaller = recompress(quick).orElseThrow();
    assertTrue(smaller.length < quick.length * 0.9, smaller.length + " of " + quick.length);
    assertSamePixels(quick, smaller);
    assertEquals(chunksBut("IDAT", quick), chunksBut("IDAT", smaller));
    PngVerifier.verify(smaller, 100_000_000);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      ints = {
        BufferedImage.TYPE_BYTE_GRAY,
        BufferedImage.TYPE_USHORT_GRAY,
        BufferedImage.TYPE_4BYTE_ABGR,
        BufferedImage.TYPE_BYTE_BINARY,
        BufferedImage.TYPE_BYTE_INDEXED
      })
  void everyColorTypeAndDepthKeepsItsPixels(int type) throws IOException {
    BufferedImage image = new BufferedImage(97, 61, type);
    image.getGraphics().drawImage(Pngs.realisticImage(97, 61, type), 0, 0, null);
    // Quality 1 is ImageIO's fastest deflate, so that there is something to gain.
    byte[] png = encode(image, 1f, false);
    byte[] smaller = recompress(png).orElseThrow();
    assertSamePixels(png, smaller);
    assertTrue(smaller.length < png.length);
  }

  @Test
  void whatWouldNotGetSmallerIsKeptAsItIs() throws IOException {
    byte[] noise = Pngs.noise(64, 64, 3);
    Optional<byte[]> again = recompress(noise);
    assertTrue(again.isEmpty() || again.get().length < noise.length);
    byte[] best = recompress(Pngs.quick(Pngs.realisticImage(64, 64, 2), 1, TEXT)).orElseThrow();
    assertEquals(Optional.empty(), recompress(best), "a second pass gains nothing");
  }

  @Test
  void interlacedImagesAreLeftAlone() throws IOException {
    assertEquals(Optional.empty(), recompress(encode(Pngs.realisticImage(64, 64, 4), 1f, true)));
  }

  private static void assertSamePixels(byte[] one, byte[] other) {
    try {
      BufferedImage a = ImageIO.read(new ByteArrayInputStream(one));
      BufferedImage b = ImageIO.read(new ByteArrayInputStream(other));
      assertEquals(a.getWidth(), b.getWidth());
      assertEquals(a.getHeight(), b.getHeight());
      assertArrayEquals(
          a.getRaster().getDataElements(0, 0, a.getWidth(), a.getHeight(), null) instanceof byte[] x
              ? x
              : toBytes(a),
          b.getRaster().getDataElements(0, 0, b.getWidth(), b.getHeight(), null) instanceof byte[] y
              ? y
              : toBytes(b));
      assertArrayEquals(
          a.getRGB(0, 0, a.getWidth(), a.getHeight(), null, 0, a.getWidth()),
          b.getRGB(0, 0, b.getWidth(), b.getHeight(), null, 0, b.getWidth()));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /** Samples of any depth as bytes, so 16-bit images are compared exactly too. */
  private static byte[] toBytes(BufferedImage image) {
    int[] samples =
        image.getRaster().getPixels(0, 0, image.getWidth(), image.getHeight(), (int[]) null);
    ByteBuffer bytes = ByteBuffer.allocate(samples.length * 4);
    for (int sample : samples) {
      bytes.putInt(sample);
    }
    return bytes.array();
  }

  /** Every chunk but those of one type, as type and data, in file order. */
  private static List<String> chunksBut(String skipped, byte[] png) {
    List<String> chunks = new ArrayList<>();
    for (int at = 8; at + 12 <= png.length; ) {
      int length = ByteBuffer.wrap(png, at, 4).getInt();
      String type = new String(png, at + 4, 4, StandardCharsets.ISO_8859_1);
      if (!type.equals(skipped)) {
        chunks.add(type + ":" + new String(png, at + 8, length, StandardCharsets.ISO_8859_1));
      }
      at += 12 + length;
    }
    return chunks;
  }

  /** ImageIO's PNG writer, at a chosen compression, interlaced or not. */
  private static byte[] encode(BufferedImage image, float quality, boolean interlaced)
      throws IOException {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
    ImageWriteParam param = writer.getDefaultWriteParam();
    param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
    param.setCompressionQuality(quality);
    param.setProgressiveMode(
        interlaced ? ImageWriteParam.MODE_DEFAULT : ImageWriteParam.MODE_DISABLED);
    IIOMetadata metadata = writer.getDefaultImageMetadata(new ImageTypeSpecifier(image), param);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
      writer.setOutput(stream);
      writer.write(null, new IIOImage(image, null, metadata), param);
    } finally {
      writer.dispose();
    }
    return out.toByteArray();
  }

  private static Optional<byte[]> recompress(byte[] png) {
    return PngRecompressor.recompress(java.nio.ByteBuffer.wrap(png));
  }
}
