package org.imagestore.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class ByteRangeTest {
  private static final long SIZE = 1000;

  @ParameterizedTest
  @CsvSource({
    "bytes=0-99, 0, 99",
    "bytes=100-, 100, 999",
    "bytes=-50, 950, 999",
    "bytes=-5000, 0, 999",
    "bytes=990-5000, 990, 999",
    "bytes=999-999, 999, 999",
    "BYTES=1-2, 1, 2",
    "bytes= 5 - 9 , 5, 9"
  })
  void satisfiableRanges(String header, long start, long end) {
    ByteRange range = ByteRange.parse(header, SIZE).orElseThrow();
    assertTrue(range.satisfiable());
    assertEquals(new ByteRange(start, end), range);
    assertEquals(end - start + 1, range.length());
  }

  @ParameterizedTest
  @ValueSource(strings = {"bytes=1000-", "bytes=1000-1001", "bytes=-0"})
  void rangesPastTheEndAreUnsatisfiable(String header) {
    assertFalse(ByteRange.parse(header, SIZE).orElseThrow().satisfiable());
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(
      strings = {
        "",
        "bytes=0-1,5-6",
        "items=0-5",
        "bytes=5-2",
        "bytes=a-b",
        "bytes=-",
        "bytes=1",
        "bytes=-1-2",
        "bytes=99999999999999999999-"
      })
  void anythingElseMeansTheWholeBody(String header) {
    assertEquals(Optional.empty(), ByteRange.parse(header, SIZE));
  }
}
