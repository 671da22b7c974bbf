package org.imagestore.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import javax.imageio.ImageIO;
import org.imagestore.client.SavedImage;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * {@code imagestore.recompress=lossless}: a PNG deflated quickly, as a generator writes it, is
 * stored smaller with the same pixels and its text chunks, served as stored, and what was saved is
 * in the sidecar and in storage-stats.
 */
class RecompressIT extends ImageStoreTestBase {
  private static final TestStorage STORAGE = Deployments.freshStorage("recompress");
  private static final String PARAMETERS =
      "a red fox in snow\nNegative prompt: blurry\nSteps: 20, Sampler: Euler a, Seed: 123";

  @Deployment(testable = false)
  static WebArchive app() {
    return Deployments.war("/recompress", STORAGE, Map.of("imagestore.recompress", "lossless"));
  }

  @Test
  void aQuicklyDeflatedPngIsStoredSmallerWithTheSamePixelsAndText() throws IOException {
    BufferedImage pixels = Pngs.realisticImage(512, 512, 9);
    byte[] uploaded = Pngs.quick(pixels, 1, Map.of("parameters", PARAMETERS));
    SavedImage saved = images.save(uploaded, null);

    byte[] stored = STORAGE.read(saved.filename());
    assertTrue(stored.length < uploaded.length, stored.length + " of " + uploaded.length);
    assertEquals(stored.length, saved.size());
    assertArrayEquals(stored, bytesOf(saved.filename()));
    BufferedImage back = ImageIO.read(new ByteArrayInputStream(stored));
    assertArrayEquals(
        pixels.getRGB(0, 0, 512, 512, null, 0, 512), back.getRGB(0, 0, 512, 512, null, 0, 512));
    assertTrue(
        new String(stored, StandardCharsets.ISO_8859_1).contains("parameters\0" + PARAMETERS),
        "the parameters chunk is gone");
    assertEquals(
        uploaded.length,
        STORAGE.readJson(saved.filename().replace(".png", ".json")).getInt("original_size"));
    assertEquals(uploaded.length - stored.length, images.stats().recompressionSavedBytes());
  }
}
