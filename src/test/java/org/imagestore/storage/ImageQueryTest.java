package org.imagestore.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class ImageQueryTest {
  @Test
  void aCursorReadsBackFromItsToken() {
    var cursor =
        new ImageQuery.Cursor(1_761_733_000_123_456L, "generated_20251029_101530_ab12.png");
    assertEquals(cursor, ImageQuery.Cursor.parse(cursor.token()));
    assertFalse(cursor.token().contains("="), "URL-safe, no padding");
  }

  @Test
  void tokensThisServiceDidNotMakeAreRefused() {
    for (String token :
        new String[] {
          "",
          "not base64!",
          encode("123"),
          encode("/generated_20251029_101530.png"),
          encode("abc/generated_20251029_101530.png"),
          encode("123/../etc/passwd"),
          encode("123/generated_20251029_101530.json")
        }) {
      assertThrows(IllegalArgumentException.class, () -> ImageQuery.Cursor.parse(token), token);
    }
  }

  @Test
  void onlyAQueryWithoutFiltersIsUnfiltered() {
    assertTrue(new ImageQuery(10, 0, null, null, null, null, null, null).unfiltered());
    assertTrue(new ImageQuery(10, 5, null, null, null, null, null, null).unfiltered());
    assertFalse(new ImageQuery(10, 0, null, "fox", null, null, null, null).unfiltered());
    assertFalse(new ImageQuery(10, 0, null, null, "sdxl", null, null, null).unfiltered());
    assertFalse(new ImageQuery(10, 0, null, null, null, "chat", null, null).unfiltered());
    assertFalse(new ImageQuery(10, 0, null, null, null, null, Instant.EPOCH, null).unfiltered());
    assertFalse(new ImageQuery(10, 0, null, null, null, null, null, Instant.EPOCH).unfiltered());
  }

  private static String encode(String text) {
    return Base64.getUrlEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
