package org.imagestore.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TimestampsTest {
  private static final ZoneId SAIGON = ZoneId.of("Asia/Ho_Chi_Minh");

  @Test
  void formatsWithMicrosecondsAndAnOffset() {
    assertEquals(
        "2025-10-29T10:15:30.123456+07:00",
        Timestamps.format(OffsetDateTime.parse("2025-10-29T10:15:30.123456789+07:00")));
    assertEquals(
        "2025-10-29T10:15:30.000000+00:00",
        Timestamps.format(OffsetDateTime.parse("2025-10-29T10:15:30Z")));
  }

  @Test
  void readsOffsetAndNaiveSeedTimes() {
    assertEquals(
        Optional.of(OffsetDateTime.parse("2025-10-29T10:15:30.123456+07:00")),
        Timestamps.parseCreatedAt("2025-10-29T10:15:30.123456", SAIGON));
    assertEquals(
        Optional.of(OffsetDateTime.parse("2025-10-29T10:15:30Z")),
        Timestamps.parseCreatedAt("2025-10-29T10:15:30Z", SAIGON));
    assertEquals(Optional.empty(), Timestamps.parseCreatedAt("yesterday", SAIGON));
  }

  @Test
  void boundsCoverWholeDaysAndExactInstants() {
    assertEquals(
        Instant.parse("2025-10-28T17:00:00Z"), Timestamps.parseBound("2025-10-29", SAIGON, false));
    assertEquals(
        Instant.parse("2025-10-29T17:00:00Z"), Timestamps.parseBound("2025-10-29", SAIGON, true));
    assertEquals(
        Instant.parse("2025-10-29T03:15:30Z"),
        Timestamps.parseBound("2025-10-29T10:15:30", SAIGON, false));
    assertEquals(
        Instant.parse("2025-10-29T10:15:30.000000001Z"),
        Timestamps.parseBound("2025-10-29T10:15:30Z", SAIGON, true));
    assertThrows(
        IllegalArgumentException.class, () -> Timestamps.parseBound("29/10/2025", SAIGON, false));
  }

  @Test
  void boundsOutsideTheYears0000To9999AreRefused() {
    Timestamps.parseBound("0000-01-01", SAIGON, false);
    Timestamps.parseBound("9999-12-31", SAIGON, true);
    for (String far :
        new String[] {
          "+999999999-12-31", "+300000-01-01", "-300000-01-01", "+10001-01-01T00:00Z"
        }) {
      assertThrows(
          IllegalArgumentException.class, () -> Timestamps.parseBound(far, SAIGON, true), far);
      assertThrows(
          IllegalArgumentException.class, () -> Timestamps.parseBound(far, SAIGON, false), far);
    }
  }
}
