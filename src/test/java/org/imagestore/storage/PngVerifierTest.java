package org.imagestore.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PngVerifierTest {
  private static final long NO_LIMIT = Long.MAX_VALUE;

  private static byte[] imageIo(int type, int width, int height) throws IOException {
    BufferedImage image = new BufferedImage(width, height, type);
    image.setRGB(1, 1, 0x80ff8040);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "png", out);
    return out.toByteArray();
  }

  @ParameterizedTest
  @ValueSource(
      ints = {
        BufferedImage.TYPE_INT_RGB,
        BufferedImage.TYPE_INT_ARGB,
        BufferedImage.TYPE_BYTE_GRAY,
        BufferedImage.TYPE_USHORT_GRAY,
        BufferedImage.TYPE_BYTE_INDEXED,
        BufferedImage.TYPE_BYTE_BINARY
      })
  void acceptsWhatImageIoWrites(int type) throws IOException {
    PngInfo info = PngVerifier.verify(imageIo(type, 37, 23), NO_LIMIT);
    assertEquals(37, info.width());
    assertEquals(23, info.height());
  }

  @Test
  void acceptsAnAdam7InterlacedImage() {
    // 5x3 grey, 8 bits: passes 1..7 have (w x h) 1x1, 0, 1x1, 1x1, 2x1, 2x1, 5x1 → rows of 1+w
    // bytes.
    int[][] passRows = {{1, 1}, {1, 1}, {1, 1}, {3, 1}, {2, 2}, {5, 1}};
    ByteArrayOutputStream raw = new ByteArrayOutputStream();
    for (int[] pass : passRows) {
      for (int r = 0; r < pass[1]; r++) {
        raw.write(0);
        raw.writeBytes(new byte[pass[0]]);
      }
    }
    byte[] png =
        TestPngs.png(TestPngs.ihdr(5, 3, 8, 0, 1), null, TestPngs.deflate(raw.toByteArray()));
    PngInfo info = PngVerifier.verify(png, NO_LIMIT);
    assertEquals(5, info.width());
    assertEquals(true, info.interlaced());
  }

  private static Failure failureOf(byte[] png, long maxPixels) {
    return assertThrows(ImageStoreException.class, () -> PngVerifier.verify(png, maxPixels))
        .failure();
  }

  @Test
  void somethingElseIsNotAPng() {
    assertEquals(
        Failure.UNSUPPORTED_MEDIA,
        failureOf("GIF89a-and-some-more-bytes-here-1234".getBytes(), NO_LIMIT));
    assertEquals(Failure.UNSUPPORTED_MEDIA, failureOf(new byte[3], NO_LIMIT));
  }

  @Test
  void corruptPngsAreInvalidInput() {
    byte[] good = TestPngs.grey(10, 10);
    byte[] badCrc = good.clone();
    badCrc[good.length - 20] ^= 1;
    byte[] tooMuchData =
        TestPngs.png(
            TestPngs.ihdr(10, 10, 8, 0, 0), null, TestPngs.deflate(TestPngs.scanlines(11, 10, 0)));
    byte[] tooLittleData =
        TestPngs.png(
            TestPngs.ihdr(10, 10, 8, 0, 0), null, TestPngs.deflate(TestPngs.scanlines(9, 10, 0)));
    byte[] badFilter =
        TestPngs.png(
            TestPngs.ihdr(10, 10, 8, 0, 0), null, TestPngs.deflate(TestPngs.scanlines(10, 10, 5)));
    byte[] noData = TestPngs.png(TestPngs.ihdr(10, 10, 8, 0, 0), null, null);
    byte[] paletteWithoutPlte =
        TestPngs.png(
            TestPngs.ihdr(10, 10, 8, 3, 0), null, TestPngs.deflate(TestPngs.scanlines(10, 10, 0)));
    byte[] badDepth =
        TestPngs.png(
            TestPngs.ihdr(10, 10, 3, 2, 0), null, TestPngs.deflate(TestPngs.scanlines(10, 30, 0)));
    byte[] zeroWidth = TestPngs.png(TestPngs.ihdr(0, 10, 8, 0, 0), null, new byte[0]);
    byte[] notDeflate = TestPngs.png(TestPngs.ihdr(10, 10, 8, 0, 0), null, new byte[] {1, 2, 3, 4});
    for (byte[] png :
        new byte[][] {
          Arrays.copyOf(good, good.length - 12),
          Arrays.copyOf(good, 9),
          Arrays.copyOf(good, 28),
          Arrays.copyOf(good, 40),
          badCrc,
          tooMuchData,
          tooLittleData,
          badFilter,
          noData,
          paletteWithoutPlte,
          badDepth,
          zeroWidth,
          notDeflate
        }) {
      assertEquals(Failure.INVALID_INPUT, failureOf(png, NO_LIMIT));
    }
  }

  @Test
  void aPaletteImageWithItsPlteIsValid() {
    byte[] png =
        TestPngs.png(
            TestPngs.ihdr(4, 4, 8, 3, 0),
            new byte[] {0, 0, 0},
            TestPngs.deflate(TestPngs.scanlines(4, 4, 0)));
    assertEquals(4, PngVerifier.verify(png, NO_LIMIT).height());
  }

  @Test
  void overThePixelLimitIsTooLargeBeforeAnyDataIsRead() {
    // The data is garbage: a TOO_LARGE answer proves it was never inflated.
    byte[] bomb = TestPngs.png(TestPngs.ihdr(50_000, 50_000, 8, 2, 0), null, new byte[] {1, 2, 3});
    assertEquals(Failure.TOO_LARGE, failureOf(bomb, 100_000_000));
    assertEquals(Failure.TOO_LARGE, failureOf(TestPngs.grey(100, 100), 9_999));
    assertEquals(100, PngVerifier.verify(TestPngs.grey(100, 100), 10_000).width());
  }

  @Test
  void headerReadsOnlyTheFirstBytes() {
    byte[] png = TestPngs.grey(640, 480);
    PngInfo info = PngVerifier.header(Arrays.copyOf(png, PngVerifier.HEADER_BYTES));
    assertEquals(640, info.width());
    assertEquals(480, info.height());
  }
}
