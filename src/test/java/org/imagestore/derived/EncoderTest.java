package org.imagestore.derived;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EncoderTest {
  @ParameterizedTest
  @EnumSource(Encoder.class)
  void writesWhatDecodesAtItsSize(Encoder encoder) throws IOException {
    BufferedImage image = new BufferedImage(40, 30, BufferedImage.TYPE_INT_ARGB);
    image.setRGB(5, 5, 0x80ff0000);
    BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(encoder.encode(image, 0.8f)));
    assertNotNull(decoded, encoder.mediaType());
    assertEquals(40, decoded.getWidth());
    assertEquals(30, decoded.getHeight());
  }

  /** libwebp is bundled for this machine's platform, so the fallback is not taken here. */
  @Test
  void webpIsTheChoiceWhereLibwebpLoads() {
    assertEquals(Encoder.WEBP, Encoder.best(0.8f));
  }
}
