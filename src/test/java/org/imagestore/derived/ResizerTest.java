package org.imagestore.derived;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ResizerTest {
  private static byte[] png(int width, int height, boolean alpha) throws IOException {
    BufferedImage image =
        new BufferedImage(
            width, height, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        // left half red, right half blue: the halves must survive the scaling
        image.setRGB(x, y, x < width / 2 ? 0xffff0000 : 0xff0000ff);
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "png", out);
    return out.toByteArray();
  }

  private static BufferedImage fit(byte[] png, int width) throws IOException {
    return Resizer.fit(new ByteArrayInputStream(png), width, 100_000_000);
  }

  @ParameterizedTest(name = "{0}x{1} to {2}: {3}x{4}")
  @CsvSource({
    "1024, 1024, 256, 256, 256",
    "2048, 1536, 256, 256, 192",
    "4000, 1000, 256, 256, 64",
    "300, 200, 256, 256, 171",
    "100, 50, 256, 100, 50",
    "5000, 3, 256, 256, 1",
    "512, 190000, 256, 3, 1024",
    "100, 2000, 256, 51, 1024"
  })
  void keepsTheAspectAndNeverEnlarges(
      int width, int height, int target, int expectedWidth, int expectedHeight) throws IOException {
    BufferedImage fitted = fit(png(width, height, false), target);
    assertEquals(expectedWidth, fitted.getWidth());
    assertEquals(expectedHeight, fitted.getHeight());
  }

  @Test
  void colorsSurviveSubsamplingAndHalving() throws IOException {
    BufferedImage fitted = fit(png(4096, 2048, false), 256);
    assertEquals(0xff0000, fitted.getRGB(10, 64) & 0xffffff);
    assertEquals(0x0000ff, fitted.getRGB(245, 64) & 0xffffff);
  }

  /** Gray, palette and 16-bit images are decoded by ImageIO, with the same result. */
  @ParameterizedTest
  @ValueSource(
      ints = {
        BufferedImage.TYPE_BYTE_GRAY,
        BufferedImage.TYPE_USHORT_GRAY,
        BufferedImage.TYPE_BYTE_INDEXED
      })
  void otherColorTypesComeOutTheSame(int type) throws IOException {
    BufferedImage image = new BufferedImage(1000, 500, type);
    image
        .getGraphics()
        .drawImage(ImageIO.read(new ByteArrayInputStream(png(1000, 500, false))), 0, 0, null);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "png", out);
    BufferedImage fitted = fit(out.toByteArray(), 256);
    assertEquals(256, fitted.getWidth());
    assertEquals(128, fitted.getHeight());
  }

  @Test
  void transparencyIsKept() throws IOException {
    assertTrue(fit(png(512, 512, true), 256).getColorModel().hasAlpha());
  }

  @Test
  void overMaxPixelsOrNoPngIsRefused() throws IOException {
    byte[] png = png(200, 200, false);
    assertThrows(
        IOException.class, () -> Resizer.fit(new ByteArrayInputStream(png), 64, 200 * 199));
    assertThrows(IOException.class, () -> fit(new byte[] {'n', 'o', 't', ' ', 'p', 'n', 'g'}, 64));
  }
}
