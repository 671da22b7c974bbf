package org.imagestore.derived;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DerivedConfigTest {
  private static DerivedConfig config(int thumbnail, String widths, float quality, String mode) {
    DerivedConfig config = new DerivedConfig();
    config.thumbnailWidth = thumbnail;
    config.derivedWidths = Optional.ofNullable(widths);
    config.quality = quality;
    config.thumbnails = mode;
    config.check();
    return config;
  }

  @Test
  void theThumbnailWidthIsAlwaysOneOfTheWidths() {
    assertEquals(Set.of(256, 512), config(256, null, 0.8f, "lazy").widths());
    assertEquals(Set.of(128, 256, 512, 1024), config(128, " 512,1024 ,512", 0.8f, "lazy").widths());
    assertEquals(Set.of(3000, 4096), config(3000, null, 0.8f, "lazy").widths());
    assertTrue(config(256, "", 1f, "eager").eager());
  }

  @ParameterizedTest(name = "{0} / {1} / {2} / {3}")
  @CsvSource({
    "0, '', 0.8, lazy, imagestore.thumbnail-width",
    "5000, '', 0.8, lazy, imagestore.thumbnail-width",
    "256, '512,big', 0.8, lazy, imagestore.derived-widths",
    "256, '-1', 0.8, lazy, imagestore.derived-widths",
    "256, '', 0, lazy, imagestore.thumbnail-quality",
    "256, '', 1.5, lazy, imagestore.thumbnail-quality",
    "256, '', 0.8, sometimes, imagestore.thumbnails"
  })
  void badValuesNameTheirKey(int thumbnail, String widths, float quality, String mode, String key) {
    IllegalArgumentException refused =
        assertThrows(
            IllegalArgumentException.class, () -> config(thumbnail, widths, quality, mode));
    assertTrue(refused.getMessage().startsWith(key), refused.getMessage());
  }
}
