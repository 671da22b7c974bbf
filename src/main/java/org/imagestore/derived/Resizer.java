package org.imagestore.derived;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes a PNG at no more than twice the wanted width, reading only every n-th pixel of larger
 * sources (so a 4096x4096 image never becomes a 64 MB raster), then halves it with bilinear
 * filtering until the last step reaches the width: halving keeps every source pixel in the result,
 * which one large bilinear step would skip.
 */
final class Resizer {
  private Resizer() {}

  /**
   * The PNG scaled to {@code width} pixels wide (never wider than it is), aspect kept.
   *
   * @throws IOException for what is no PNG, or one of more than {@code maxPixels} pixels (which
   *     could only come from behind the service's back: saves refuse them)
   */
  static BufferedImage fit(InputStream png, int width, long maxPixels) throws IOException {
    try (ImageInputStream input = ImageIO.createImageInputStream(png)) {
      ImageReader reader = pngReader();
      try {
        reader.setInput(input, true, true);
        int sourceWidth = reader.getWidth(0);
        int sourceHeight = reader.getHeight(0);
        if ((long) sourceWidth * sourceHeight > maxPixels) {
          throw new IOException("it has more than imagestore.max-pixels pixels");
        }
        int step = Math.max(1, sourceWidth / (2 * width));
        ImageReadParam param = reader.getDefaultReadParam();
        param.setSourceSubsampling(step, step, 0, 0);
        BufferedImage decoded = reader.read(0, param);
        int targetWidth = Math.min(width, sourceWidth);
        int targetHeight =
            Math.max(1, Math.round((float) sourceHeight * targetWidth / sourceWidth));
        return scale(decoded, targetWidth, targetHeight);
      } finally {
        reader.dispose();
      }
    }
  }

  /** The JDK's own PNG reader: the WAR registers no ImageIO plugins in the server's registry. */
  private static ImageReader pngReader() throws IOException {
    Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName("png");
    if (!readers.hasNext()) {
      throw new IOException("this JDK has no PNG reader");
    }
    return readers.next();
  }

  private static BufferedImage scale(BufferedImage image, int width, int height) {
    BufferedImage current = image;
    while (true) {
      int nextWidth = Math.max(width, current.getWidth() / 2);
      int nextHeight = Math.max(height, current.getHeight() / 2);
      if (current.getWidth() <= width * 2 || nextWidth == width) {
        nextWidth = width;
        nextHeight = height;
      }
      current = draw(current, nextWidth, nextHeight);
      if (nextWidth == width && nextHeight == height) {
        return current;
      }
    }
  }

  private static BufferedImage draw(BufferedImage source, int width, int height) {
    boolean alpha = source.getColorModel().hasAlpha();
    BufferedImage target =
        new BufferedImage(
            width, height, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
    Graphics2D g = target.createGraphics();
    try {
      g.setRenderingHint(
          RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
      g.drawImage(source, 0, 0, width, height, null);
    } finally {
      g.dispose();
    }
    return target;
  }
}
