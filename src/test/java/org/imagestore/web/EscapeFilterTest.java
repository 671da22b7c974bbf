package org.imagestore.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EscapeFilterTest {
  @ParameterizedTest
  @ValueSource(
      strings = {"", "q=cat", "q=%41%2f%2F", "/storage/images/a%20b.png", "x=%00", "%e2%82%ac"})
  void wellFormedEscapesPass(String raw) {
    assertTrue(EscapeFilter.wellFormed(raw));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"%", "q=%", "q=%zz", "q=%4", "q=%4g", "/%u002e%u002e", "a%2", "%%41", "q=%41%"})
  void malformedEscapesDoNot(String raw) {
    assertFalse(EscapeFilter.wellFormed(raw));
  }
}
