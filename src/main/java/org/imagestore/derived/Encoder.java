package org.imagestore.derived;

import com.luciad.imageio.webp.WebPImageWriterSpi;
import com.luciad.imageio.webp.WebPWriteParam;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Writes derived images: lossy WebP through libwebp (bundled in webp-imageio, extracted and loaded
 * at first use), or JPEG through the JDK where that native library cannot load. The WebP writer is
 * made directly from its provider, never looked up in ImageIO's registry, which the whole server
 * shares and which would keep this WAR's classes after an undeploy.
 */
enum Encoder {
  WEBP("image/webp", "webp") {
    @Override
    ImageWriter writer() {
      return new WebPImageWriterSpi().createWriterInstance(null);
    }

    @Override
    ImageWriteParam param(ImageWriter writer, float quality) {
      WebPWriteParam param = new WebPWriteParam(Locale.ROOT);
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionType(param.getCompressionTypes()[WebPWriteParam.LOSSY_COMPRESSION]);
      param.setCompressionQuality(quality);
      return param;
    }
  },
  JPEG("image/jpeg", "jpg") {
    @Override
    ImageWriter writer() throws IOException {
      Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
      if (!writers.hasNext()) {
        throw new IOException("this JDK has no JPEG writer");
      }
      return writers.next();
    }

    @Override
    ImageWriteParam param(ImageWriter writer, float quality) {
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(quality);
      return param;
    }

    /** JPEG has no alpha: transparent pixels go onto white, as a page would show them. */
    @Override
    BufferedImage prepare(BufferedImage image) {
      if (!image.getColorModel().hasAlpha()) {
        return image;
      }
      BufferedImage flat =
          new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
      Graphics2D g = flat.createGraphics();
      try {
        g.drawImage(image, 0, 0, Color.WHITE, null);
      } finally {
        g.dispose();
      }
      return flat;
    }
  };

  private static final Logger LOG = Logger.getLogger(Encoder.class.getName());

  private final String mediaType;
  private final String extension;

  Encoder(String mediaType, String extension) {
    this.mediaType = mediaType;
    this.extension = extension;
  }

  String mediaType() {
    return mediaType;
  }

  String extension() {
    return extension;
  }

  abstract ImageWriter writer() throws IOException;

  abstract ImageWriteParam param(ImageWriter writer, float quality);

  BufferedImage prepare(BufferedImage image) {
    return image;
  }

  byte[] encode(BufferedImage image, float quality) throws IOException {
    ImageWriter writer = writer();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
      writer.setOutput(out);
      writer.write(null, new IIOImage(prepare(image), null, null), param(writer, quality));
    } finally {
      writer.dispose();
    }
    return bytes.toByteArray();
  }

  /**
   * WebP if libwebp loads and encodes a pixel here, else JPEG; said once in the log either way.
   * Loading can fail on a machine that is not one of the bundled platforms, or without a writable
   * temporary folder.
   */
  static Encoder best(float quality) {
    try {
      WEBP.encode(new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB), quality);
      LOG.info("imagestore: derived images are WebP (libwebp from webp-imageio)");
      return WEBP;
    } catch (IOException | RuntimeException | LinkageError e) {
      LOG.log(
          Level.WARNING,
          "imagestore: libwebp cannot be used here, derived images are JPEG instead: {0}",
          String.valueOf(e));
      return JPEG;
    }
  }
}
