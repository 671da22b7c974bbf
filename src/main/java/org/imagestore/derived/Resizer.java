package org.imagestore.derived;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.imagestore.storage.ImageStoreException;
import org.imagestore.storage.PngInfo;
import org.imagestore.storage.PngRows;
import org.imagestore.storage.PngVerifier;

/**
 * Decodes a PNG at no more than twice the wanted width, reading only every n-th pixel of larger
 * sources (so a 4096x4096 image never becomes a 64 MB raster; 8-bit RGB and RGBA row by row with
 * {@link PngRows}, anything else with ImageIO's subsampling), then halves it with bilinear
 * filtering until the last step reaches the width: halving keeps every source pixel in the result,
 * which one large bilinear step would skip.
 */
final class Resizer {
  private static final int RGB = 2;
  private static final int RGBA = 6;

  /** How many times taller than wide a thumbnail may be. */
  static final int MAX_ASPECT = 4;

  private Resizer() {}

  /**
   * The PNG scaled to {@code width} pixels wide (never wider than it is), aspect kept.
   *
   * @throws IOException for what is no PNG, or one of more than {@code maxPixels} pixels (which
   *     could only come from behind the service's back: saves refuse them)
   */
  static BufferedImage fit(InputStream png, int width, long maxPixels) throws IOException {
    BufferedInputStream in = new BufferedInputStream(png, 64 * 1024);
    in.mark(PngVerifier.HEADER_BYTES);
    byte[] header = in.readNBytes(PngVerifier.HEADER_BYTES);
    in.reset();
    PngInfo info;
    try {
      info = PngVerifier.header(header);
    } catch (ImageStoreException e) {
      throw new IOException(e.getMessage(), e);
    }
    if (info.pixels() > maxPixels) {
      throw new IOException("it has more than imagestore.max-pixels pixels");
    }
    // The thumbnail fits a box of the width and four times that: a strip 512 px wide and 190,000
    // tall is a small file, but 256 px wide it would still be a 95,000 px column.
    double scale =
        Math.min(
            1,
            Math.min((double) width / info.width(), (double) MAX_ASPECT * width / info.height()));
    int targetWidth = Math.max(1, (int) Math.round(info.width() * scale));
    int targetHeight = Math.max(1, (int) Math.round(info.height() * scale));
    int step =
        Math.max(1, Math.min(info.width() / (2 * targetWidth), info.height() / (2 * targetHeight)));
    BufferedImage decoded = direct(info) ? everyNth(in, info, step) : withImageIO(in, step);
    return scale(decoded, targetWidth, targetHeight);
  }

  /** 8-bit RGB and RGBA, what generators write: read here, three times as fast as ImageIO. */
  private static boolean direct(PngInfo info) {
    return !info.interlaced()
        && info.bitDepth() == 8
        && (info.colorType() == RGB || info.colorType() == RGBA);
  }

  /**
   * Every {@code step}-th pixel of every {@code step}-th row; every row is still unfiltered, since
   * each row's filter refers to the one above.
   */
  private static BufferedImage everyNth(InputStream png, PngInfo info, int step)
      throws IOException {
    boolean alpha = info.colorType() == RGBA;
    int channels = alpha ? 4 : 3;
    int width = (info.width() + step - 1) / step;
    int height = (info.height() + step - 1) / step;
    BufferedImage image =
        new BufferedImage(
            width, height, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
    int[] pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
    try (PngRows rows = new PngRows(png)) {
      for (int y = 0; y < info.height(); y++) {
        byte[] row = rows.next();
        if (y % step != 0) {
          continue;
        }
        int at = (y / step) * width;
        for (int x = 0; x < info.width(); x += step) {
          int i = x * channels;
          int rgb = (row[i] & 0xff) << 16 | (row[i + 1] & 0xff) << 8 | (row[i + 2] & 0xff);
          pixels[at++] = alpha ? (row[i + 3] & 0xff) << 24 | rgb : rgb;
        }
      }
    }
    return image;
  }

  private static BufferedImage withImageIO(InputStream png, int step) throws IOException {
    try (ImageInputStream input = ImageIO.createImageInputStream(png)) {
      ImageReader reader = pngReader();
      try {
        reader.setInput(input, true, true);
        ImageReadParam param = reader.getDefaultReadParam();
        param.setSourceSubsampling(step, step, 0, 0);
        return reader.read(0, param);
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
