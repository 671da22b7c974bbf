package org.imagestore.api;

import static org.imagestore.storage.ImageStoreException.invalidInput;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import org.imagestore.storage.ImageStoreException;
import org.imagestore.storage.StoredImage;

/**
 * The save-image body, read and checked: {@code image} as plain base64 or a {@code
 * data:image/png;base64,} URL (whitespace allowed), {@code metadata} an optional JSON object. The
 * body is read whatever its Content-Type, as browsers post JSON strings as {@code text/plain}. The
 * image is decoded as it streams in, so a save holds its decoded bytes and never its base64 text.
 */
record SaveRequest(ByteBuffer png, JsonObject metadata) {
  /**
   * Fields other than the image, as JSON text: room for whitespace around metadata that the store
   * takes at most {@link StoredImage#MAX_METADATA_CHARS} long once compact.
   */
  static final int MAX_FIELD_CHARS = 4 * StoredImage.MAX_METADATA_CHARS;

  /** Generation settings nest a few levels; thousands would only cost stack and time. */
  static final int MAX_DEPTH = 64;

  /**
   * The largest body worth reading for an image of {@code maxImageBytes}: base64 is 4/3 of the
   * bytes, with room for line breaks, the data URL prefix and the metadata.
   */
  static long maxBodyBytes(long maxImageBytes) {
    return maxImageBytes / 2 * 3 + 1024 * 1024;
  }

  /**
   * The most heap a save of a body this long holds, for {@link SaveBudget}: the decoded image twice
   * (its buffer, and the larger one it grows into when the body's length is unknown, or what the
   * store derives from it), and a field's text with its copies while JSON-P parses it (two bytes a
   * character, a few times over).
   *
   * @param bodyBytes the body's length, negative if unknown
   */
  static long memoryBytes(long bodyBytes, long maxImageBytes) {
    long image = bodyBytes >= 0 ? Math.min(maxImageBytes, decodedBytes(bodyBytes)) : maxImageBytes;
    return 2 * image + 12L * MAX_FIELD_CHARS;
  }

  /** The most bytes a body this long can decode to, or 0 if its length is unknown (negative). */
  private static long decodedBytes(long bodyBytes) {
    return bodyBytes >= 0 ? bodyBytes / 4 * 3 + 3 : 0;
  }

  /**
   * Reads the body.
   *
   * @param bodyBytes the body's length if known (its Content-Length), else negative
   */
  static SaveRequest read(InputStream body, long maxImageBytes, long bodyBytes) {
    var members = new JsonMembers(new LimitedInputStream(body, maxBodyBytes(maxImageBytes)));
    ImageText image = null;
    JsonObject metadata = JsonValue.EMPTY_JSON_OBJECT;
    for (String name = members.nextName(); name != null; name = members.nextName()) {
      switch (name) {
        case "image" -> {
          if (image != null) {
            throw invalidInput("image is given more than once");
          }
          image = image(members, maxImageBytes, bodyBytes);
        }
        case "metadata" -> metadata = metadata(members.value(name, MAX_FIELD_CHARS, MAX_DEPTH));
        // Unknown fields are read, checked as JSON and dropped, as before.
        default -> members.value(name, MAX_FIELD_CHARS, MAX_DEPTH);
      }
    }
    if (image == null) {
      throw invalidInput("image is required");
    }
    return new SaveRequest(image.finish(), metadata);
  }

  private static ImageText image(JsonMembers members, long maxImageBytes, long bodyBytes) {
    if (!members.stringFollows()) {
      JsonValue value = members.value("image", MAX_FIELD_CHARS, MAX_DEPTH);
      throw invalidInput(
          value == JsonValue.NULL ? "image is required" : "image must be a base64 string");
    }
    var text = new ImageText(new Base64Decoder(maxImageBytes, decodedBytes(bodyBytes)));
    members.string(text);
    return text;
  }

  /**
   * Metadata sent as JSON text beside the image: the {@code X-Image-Metadata} header or a multipart
   * {@code metadata} part; absent or blank is none.
   */
  static JsonObject metadata(String text) {
    if (text == null || text.isBlank()) {
      return JsonValue.EMPTY_JSON_OBJECT;
    }
    if (text.length() > MAX_FIELD_CHARS) {
      throw invalidInput("metadata is over " + MAX_FIELD_CHARS + " characters");
    }
    JsonValue value;
    try {
      value = JsonMembers.parse(text);
    } catch (ImageStoreException e) {
      throw invalidInput("metadata is not valid JSON");
    }
    return metadata(value);
  }

  /**
   * The {@code X-Image-Metadata} header's metadata. Servers hand header bytes over as ISO-8859-1
   * characters; a client that sent UTF-8 (a Vietnamese prompt) gets its text back as it wrote it,
   * one that escaped it in the JSON (backslash-u escapes) needs nothing.
   */
  static JsonObject metadataHeader(String header) {
    if (header != null && header.chars().allMatch(c -> c <= 0xff)) {
      try {
        header =
            StandardCharsets.UTF_8
                .newDecoder()
                .decode(ByteBuffer.wrap(header.getBytes(StandardCharsets.ISO_8859_1)))
                .toString();
      } catch (CharacterCodingException e) {
        // Not UTF-8: the characters stand as they came.
      }
    }
    return metadata(header);
  }

  private static JsonObject metadata(JsonValue value) {
    if (value == JsonValue.NULL) {
      return JsonValue.EMPTY_JSON_OBJECT;
    }
    if (!(value instanceof JsonObject object)) {
      throw invalidInput("metadata must be a JSON object");
    }
    return object;
  }
}
