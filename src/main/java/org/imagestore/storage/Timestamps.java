package org.imagestore.storage;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** The one place for reading and writing {@code created_at} and the list filters' dates. */
public final class Timestamps {
  private static final DateTimeFormatter CREATED_AT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSxxx");

  /** Filter bounds lie in years 0000 to 9999, with a day to spare for zones and upper bounds. */
  private static final Instant EARLIEST_BOUND = Instant.parse("-0001-12-31T00:00:00Z");

  private static final Instant LATEST_BOUND = Instant.parse("+10000-01-02T00:00:00Z");

  private Timestamps() {}

  public static String format(OffsetDateTime time) {
    return CREATED_AT.format(time);
  }

  /**
   * Reads a sidecar's {@code created_at}: with an offset as written, or naive (as the seed's Python
   * back end wrote it) in {@code zone}.
   */
  static Optional<OffsetDateTime> parseCreatedAt(String text, ZoneId zone) {
    try {
      return Optional.of(OffsetDateTime.parse(text));
    } catch (DateTimeParseException withoutOffset) {
      try {
        return Optional.of(LocalDateTime.parse(text).atZone(zone).toOffsetDateTime());
      } catch (DateTimeParseException e) {
        return Optional.empty();
      }
    }
  }

  /**
   * Reads a list filter bound: a date, a naive date-time (in {@code zone}) or one with an offset. A
   * lower bound is the first instant it names; an upper bound is the first instant after it, so
   * {@code until=2025-10-29} includes the whole day.
   *
   * @throws IllegalArgumentException if it is none of these
   */
  public static Instant parseBound(String text, ZoneId zone, boolean upper) {
    Instant bound;
    try {
      bound = instant(text, zone, upper);
    } catch (DateTimeException edge) {
      // A valid date at the end of what java.time holds (+999999999-12-31) has no day after it.
      throw new IllegalArgumentException("not a usable date: " + text, edge);
    }
    // The index counts microseconds in a long: about 292,000 years either side of 1970.
    if (bound.isBefore(EARLIEST_BOUND) || bound.isAfter(LATEST_BOUND)) {
      throw new IllegalArgumentException("not a date between the years 0000 and 9999: " + text);
    }
    return bound;
  }

  private static Instant instant(String text, ZoneId zone, boolean upper) {
    try {
      LocalDate date = LocalDate.parse(text);
      return (upper ? date.plusDays(1) : date).atStartOfDay(zone).toInstant();
    } catch (DateTimeParseException notADate) {
      Instant instant =
          parseCreatedAt(text, zone)
              .map(OffsetDateTime::toInstant)
              .orElseThrow(() -> new IllegalArgumentException("not an ISO-8601 date: " + text));
      return upper ? instant.plusNanos(1) : instant;
    }
  }
}
