package org.imagestore.generate;

import static org.imagestore.generate.GeneratorFailure.badAnswer;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParser.Event;
import java.io.InputStream;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A1111's txt2img answer, {@code {"images": [<base64 PNG>...], "parameters": {...}, "info": "<JSON
 * text>"}}, read as it streams in: each image's base64 text is decoded and dropped as soon as it is
 * read, so the answer costs its decoded images and one image's text at a time; {@code parameters}
 * (the request echoed) is passed over. Only {@code info} tells what the generator used.
 */
record Txt2ImgAnswer(List<byte[]> images, JsonObject info) {
  private static final String DATA_URL = "data:image/png;base64,";

  /**
   * @param maxImageBytes the most bytes one decoded image may have, the store's limit
   * @param readTimeoutMillis for the message when the answer stalls
   */
  static Txt2ImgAnswer read(InputStream answer, long maxImageBytes, long readTimeoutMillis) {
    List<byte[]> images = null;
    JsonObject info = null;
    try (JsonParser parser = Json.createParser(answer)) {
      if (!parser.hasNext() || parser.next() != Event.START_OBJECT) {
        throw badAnswer("is not a JSON object");
      }
      for (Event event = parser.next(); event != Event.END_OBJECT; event = parser.next()) {
        String name = parser.getString();
        Event value = parser.next();
        switch (name) {
          case "images" -> images = images(parser, value, maxImageBytes);
          case "info" -> info = info(parser, value);
          default -> skip(parser, value);
        }
      }
      if (parser.hasNext()) {
        throw badAnswer("has more after its JSON object");
      }
    } catch (JsonException | IllegalStateException | java.util.NoSuchElementException e) {
      // Parsson wraps the stream's IOException (a read timeout, the bound) in a JsonException.
      if (e.getCause() instanceof java.io.IOException) {
        throw GeneratorFailure.of(e, "sending its answer", readTimeoutMillis);
      }
      throw badAnswer("is not valid JSON");
    }
    if (images == null) {
      throw badAnswer("has no images array");
    }
    if (info == null) {
      throw badAnswer("has no info");
    }
    return new Txt2ImgAnswer(images, info);
  }

  private static List<byte[]> images(JsonParser parser, Event value, long maxImageBytes) {
    if (value != Event.START_ARRAY) {
      throw badAnswer("has images that are not an array");
    }
    List<byte[]> images = new ArrayList<>();
    for (Event event = parser.next(); event != Event.END_ARRAY; event = parser.next()) {
      if (event != Event.VALUE_STRING) {
        throw badAnswer("has an image that is not a base64 string");
      }
      images.add(decode(parser.getString(), images.size(), maxImageBytes));
    }
    return images;
  }

  private static byte[] decode(String text, int index, long maxImageBytes) {
    // A1111 sends plain base64; some compatible servers send a data URL.
    String base64 = text.startsWith(DATA_URL) ? text.substring(DATA_URL.length()) : text;
    if (base64.length() / 4 * 3L > maxImageBytes + 3) {
      throw badAnswer(
          "has image " + index + " over imagestore.max-image-bytes (" + maxImageBytes + ")");
    }
    try {
      return Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw badAnswer("has image " + index + " that is not valid base64");
    }
  }

  /** A1111's {@code info} is the JSON text of an object (Processed.js()), not an object. */
  private static JsonObject info(JsonParser parser, Event value) {
    if (value != Event.VALUE_STRING) {
      throw badAnswer("has info that is not a JSON string");
    }
    try (var reader = Json.createReader(new StringReader(parser.getString()))) {
      JsonValue parsed = reader.readValue();
      if (parsed instanceof JsonObject object) {
        return object;
      }
    } catch (JsonException e) {
      // Falls through to the refusal.
    }
    throw badAnswer("has info that is not the JSON text of an object");
  }

  /** Read whole rather than skipped: small (the request echoed), and skipObject varies. */
  private static void skip(JsonParser parser, Event value) {
    if (value == Event.START_OBJECT || value == Event.START_ARRAY) {
      parser.getValue();
    }
  }
}
