package org.imagestore.api;

import static org.imagestore.storage.ImageStoreException.invalidInput;

import jakarta.ws.rs.core.MultivaluedMap;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.imagestore.storage.ImageQuery;
import org.imagestore.storage.Timestamps;

/** Reads list-images' query parameters; anything unknown, repeated or malformed is a 400. */
final class ListParams {
  private static final Set<String> KNOWN =
      Set.of("limit", "offset", "cursor", "q", "model", "source", "since", "until");

  /** Longer search text is no search a person makes; the index matches 4,000 characters. */
  static final int MAX_Q_CHARS = 1000;

  /** The index keeps the first 255 characters of a model or source. */
  static final int MAX_MATCH_CHARS = 255;

  /** A cursor holds a time and a name of at most 128 characters, in base64. */
  private static final int MAX_CURSOR_CHARS = 200;

  private final MultivaluedMap<String, String> params;

  private ListParams(MultivaluedMap<String, String> params) {
    this.params = params;
  }

  static ImageQuery parse(MultivaluedMap<String, String> params, ZoneId zone) {
    Set<String> unknown = new TreeSet<>(params.keySet());
    unknown.removeAll(KNOWN);
    if (!unknown.isEmpty()) {
      throw invalidInput(
          "unknown query parameter(s) " + unknown + "; known: " + new TreeSet<>(KNOWN));
    }
    ListParams p = new ListParams(params);
    int offset = p.integer("offset", 0, 0, Integer.MAX_VALUE);
    ImageQuery.Cursor cursor = p.cursor();
    if (cursor != null && offset != 0) {
      throw invalidInput("give offset or cursor, not both");
    }
    return new ImageQuery(
        p.integer("limit", ImageQuery.DEFAULT_LIMIT, 1, ImageQuery.MAX_LIMIT),
        offset,
        cursor,
        p.text("q", MAX_Q_CHARS),
        p.text("model", MAX_MATCH_CHARS),
        p.text("source", MAX_MATCH_CHARS),
        p.bound("since", zone, false),
        p.bound("until", zone, true));
  }

  private String text(String name, int maxChars) {
    String value = text(name);
    if (value != null && value.length() > maxChars) {
      throw invalidInput(name + " is over " + maxChars + " characters");
    }
    return value;
  }

  private String text(String name) {
    List<String> values = params.get(name);
    if (values == null || values.isEmpty()) {
      return null;
    }
    if (values.size() > 1) {
      throw invalidInput(name + " is given more than once");
    }
    return values.get(0).isEmpty() ? null : values.get(0);
  }

  /** A next_cursor from an earlier answer; anything else is a 400. */
  private ImageQuery.Cursor cursor() {
    String value = text("cursor", MAX_CURSOR_CHARS);
    try {
      return value == null ? null : ImageQuery.Cursor.parse(value);
    } catch (IllegalArgumentException e) {
      throw invalidInput("cursor is not a next_cursor of list-images");
    }
  }

  private int integer(String name, int fallback, int min, int max) {
    String value = text(name);
    if (value == null) {
      return fallback;
    }
    // ASCII digits only: Integer.parseInt would also take other scripts' digits, such as U+FF11.
    if (value.length() <= 10 && value.chars().allMatch(c -> c >= '0' && c <= '9')) {
      long n = Long.parseLong(value);
      if (n >= min && n <= max) {
        return (int) n;
      }
    }
    throw invalidInput(name + " must be a whole number from " + min + " to " + max);
  }

  private Instant bound(String name, ZoneId zone, boolean upper) {
    String value = text(name);
    try {
      return value == null ? null : Timestamps.parseBound(value, zone, upper);
    } catch (IllegalArgumentException e) {
      throw invalidInput(name + " must be an ISO-8601 date or date-time, e.g. 2025-10-29");
    }
  }
}
