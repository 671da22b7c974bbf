package org.imagestore.api;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.imagestore.storage.Failure;
import org.imagestore.storage.ImageStoreException;
import org.imagestore.storage.Timestamps;

/**
 * The delete-images body: exactly one of {@code filenames} (a list), {@code older_than_days} or
 * {@code before} (an ISO date or date-time; images created before it go).
 */
record BatchDelete(List<String> filenames, Instant createdBefore) {
  private static final long MAX_BODY_BYTES = 4L * 1024 * 1024;

  static BatchDelete read(InputStream body, ZoneId zone) {
    JsonObject json;
    try (var reader =
        Json.createReader(
            new InputStreamReader(
                new SaveRequest.LimitedInputStream(body, MAX_BODY_BYTES),
                StandardCharsets.UTF_8))) {
      JsonValue value = reader.readValue();
      if (!(value instanceof JsonObject object)) {
        throw invalid("the body must be a JSON object");
      }
      json = object;
    } catch (JsonException e) {
      throw invalid("the body is not valid JSON (at most " + MAX_BODY_BYTES + " bytes)");
    }
    if (json.size() != 1) {
      throw invalid("give exactly one of filenames, older_than_days, before");
    }
    String key = json.keySet().iterator().next();
    JsonValue value = json.get(key);
    return switch (key) {
      case "filenames" -> new BatchDelete(names(value), null);
      case "older_than_days" -> new BatchDelete(null, daysAgo(value));
      case "before" -> new BatchDelete(null, before(value, zone));
      default ->
          throw invalid("unknown field " + key + "; give filenames, older_than_days or before");
    };
  }

  private static List<String> names(JsonValue value) {
    if (!(value instanceof JsonArray array)) {
      throw invalid("filenames must be a list of file names");
    }
    List<String> names = new ArrayList<>();
    for (JsonValue item : array) {
      if (!(item instanceof JsonString name)) {
        throw invalid("filenames must hold only strings");
      }
      names.add(name.getString());
    }
    return names;
  }

  private static Instant daysAgo(JsonValue value) {
    if (!(value instanceof JsonNumber n) || !n.isIntegral() || n.longValue() < 0) {
      throw invalid("older_than_days must be a whole number of days, 0 or more");
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
    throw invalid("before must be an ISO-8601 date or date-time, e.g. 2025-10-29");
  }

  private static ImageStoreException invalid(String message) {
    return new ImageStoreException(Failure.INVALID_INPUT, message);
  }
}
