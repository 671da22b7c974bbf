package org.imagestore.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImageNamesTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "generated_20251029_101530.png",
        "generated_20251029_101530_ab12.png",
        "generated_20251029_101530_123k3j9x.png"
      })
  void storedImageNames(String name) {
    assertTrue(ImageNames.isImageName(name));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "../generated_20251029_101530.png",
        "/etc/generated_20251029_101530.png",
        "..\\generated_20251029_101530.png",
        "generated_20251029_101530.json",
        "generated_20251029_101530.PNG",
        "generated_20251029_101530_ab-c.png",
        "generated_20251029_101530_.png",
        "generated_2025102_101530.png",
        "generated_20251029_101530.png\u0000.png",
        "generated_20251029_101530 .png",
        ".imagestore-0f9a.tmp",
        "x/generated_20251029_101530.png"
      })
  void everythingElseIsNot(String name) {
    assertFalse(ImageNames.isImageName(name));
  }

  @Test
  void suffixesAreBounded() {
    String stamp = "generated_20251029_101530_";
    assertTrue(ImageNames.isImageName(stamp + "a".repeat(ImageNames.MAX_SUFFIX_CHARS) + ".png"));
    assertFalse(
        ImageNames.isImageName(stamp + "a".repeat(ImageNames.MAX_SUFFIX_CHARS + 1) + ".png"));
    assertFalse(ImageNames.isImageName(stamp + "a".repeat(8000) + ".png"));
  }

  @Test
  void newNamesCarryTheTimeAndNeverRepeat() {
    ZonedDateTime time = ZonedDateTime.of(2025, 10, 29, 10, 15, 30, 123_000_000, ZoneId.of("UTC"));
    Set<String> names = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      String name = ImageNames.newName(time);
      assertTrue(ImageNames.isImageName(name), name);
      assertTrue(name.startsWith("generated_20251029_101530_123"), name);
      names.add(name);
    }
    assertEquals(10_000, names.size());
  }

  @Test
  void sidecarsAndTimestamps() {
    assertEquals(
        "generated_20251029_101530_ab.json",
        ImageNames.sidecarName("generated_20251029_101530_ab.png"));
    ZoneId saigon = ZoneId.of("Asia/Ho_Chi_Minh");
    assertEquals(
        Optional.of(ZonedDateTime.of(2025, 10, 29, 10, 15, 30, 0, saigon)),
        ImageNames.timestamp("generated_20251029_101530.png", saigon));
    for (String impossible :
        new String[] {
          "generated_20251399_999999.png",
          "generated_20250231_101530.png",
          "generated_20250229_101530.png",
          "generated_20251029_240000.png"
        }) {
      assertEquals(Optional.empty(), ImageNames.timestamp(impossible, saigon), impossible);
    }
  }
}
