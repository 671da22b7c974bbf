package org.imagestore.api;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.imagestore.storage.ImageStoreException.invalidInput;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.imagestore.storage.Timestamps;

/**
 * The delete-images body: exactly one of {@code filenames} (a list), {@code older_than_days} or
 * {@code before} (an ISO date or date-time; images created before it go).
 */
record BatchDelete(List<String> filenames, Instant createdBefore) {
  private static final long MAX_BODY_BYTES = 4L * 1024 * 1024;

  /** More days than any image can be old; larger numbers would overflow the time arithmetic. */
  static final long MAX_DAYS = 1_000_000;

  static BatchDelete read(InputStream body, ZoneId zone) {
    String text;
    try {
      text = new String(new LimitedInputStream(body, MAX_BODY_BYTES).readAllBytes(), UTF_8);
    } catch (LimitedInputStream.LimitExceeded e) {
      throw e.refusal();
    } catch (IOException e) {
      throw invalidInput("the body could not be read to its end");
    }
    if (!(JsonMembers.parse(text) instanceof JsonObject json)) {
      throw invalidInput("the body must be a JSON object");
    }
    if (json.size() != 1) {
      throw invalidInput("give exactly one of filenames, older_than_days, before");
    }
    String key = json.keySet().iterator().next();
    JsonValue value = json.get(key);
    return switch (key) {
      case "filenames" -> new BatchDelete(names(value), null);
      case "older_than_days" -> new BatchDelete(null, daysAgo(value));
      case "before" -> new BatchDelete(null, before(value, zone));
      default ->
          throw invalidInput(
              "unknown field " + key + "; give filenames, older_than_days or before");
    };
  }

  private static List<String> names(JsonValue value) {
    if (!(value instanceof JsonArray array)) {
      throw invalidInput("filenames must be a list of file names");
    }
    List<String> names = new ArrayList<>();
    for (JsonValue item : array) {
      if (!(item instanceof JsonString name)) {
        throw invalidInput("filenames must hold only strings");
      }
      names.add(name.getString());
    }
    return names;
  }

  private static Instant daysAgo(JsonValue value) {
    if (!(value instanceof JsonNumber n)
        || !n.isIntegral()
        || n.bigDecimalValue().signum() < 0
        || n.bigDecimalValue().compareTo(BigDecimal.valueOf(MAX_DAYS)) > 0) {
      throw invalidInput("older_than_days must be a whole number of days from 0 to " + MAX_DAYS);
    }
    return Instant.now().minus(Duration.ofDays(n.longValue()));
  }

  private static Instant before(JsonValue value, ZoneId zone) {
    try {
      if (value instanceof JsonString text) {
        return Timestamps.parseBound(text.getString(), zone, false);
      }
    } catch (IllegalArgumentException e) {
      // reported below
    }
    throw invalidInput("before must be an ISO-8601 date or date-time, e.g. 2025-10-29");
  }
}
