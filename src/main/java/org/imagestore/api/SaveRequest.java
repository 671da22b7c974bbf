package org.imagestore.api;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import org.imagestore.storage.Failure;
import org.imagestore.storage.ImageStoreException;

/**
 * The save-image body, read and checked: {@code image} as plain base64 or a {@code
 * data:image/png;base64,} URL (whitespace allowed), {@code metadata} an optional JSON object. The
 * body is read whatever its Content-Type, as browsers post JSON strings as {@code text/plain}.
 */
record SaveRequest(byte[] png, JsonObject metadata) {
  private static final String DATA_URL = "data:";
  private static final String PNG_DATA_URL = "data:image/png;base64,";

  /**
   * The largest body worth reading for an image of {@code maxImageBytes}: base64 is 4/3 of the
   * bytes, with room for line breaks, the data URL prefix and the metadata.
   */
  static long maxBodyBytes(long maxImageBytes) {
    return maxImageBytes / 2 * 3 + 1024 * 1024;
  }

  static SaveRequest read(InputStream body, long maxImageBytes) {
    JsonObject json = parse(new LimitedInputStream(body, maxBodyBytes(maxImageBytes)));
    JsonValue image = json.get("image");
    if (image == null || image == JsonValue.NULL) {
      throw invalid("image is required");
    }
    if (!(image instanceof JsonString text)) {
      throw invalid("image must be a base64 string");
    }
    JsonValue metadata = json.getOrDefault("metadata", JsonValue.NULL);
    if (metadata != JsonValue.NULL && !(metadata instanceof JsonObject)) {
      throw invalid("metadata must be a JSON object");
    }
    return new SaveRequest(
        decode(text.getString(), maxImageBytes),
        metadata instanceof JsonObject object ? object : JsonValue.EMPTY_JSON_OBJECT);
  }

  private static JsonObject parse(InputStream body) {
    try (var reader = Json.createReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
      JsonValue value = reader.readValue();
      if (!(value instanceof JsonObject object)) {
        throw invalid("the body must be a JSON object");
      }
      return object;
    } catch (JsonException e) {
      if (e.getCause() instanceof LimitedInputStream.LimitExceeded) {
        throw new ImageStoreException(
            Failure.TOO_LARGE, "the request body is over " + e.getCause().getMessage() + " bytes");
      }
      throw invalid("the body is not valid JSON");
    }
  }

  private static byte[] decode(String image, long maxImageBytes) {
    String base64 = stripWhitespace(image);
    if (base64.regionMatches(true, 0, DATA_URL, 0, DATA_URL.length())) {
      int comma = base64.indexOf(',');
      String header =
          (comma < 0 ? base64 : base64.substring(0, comma + 1)).toLowerCase(Locale.ROOT);
      if (!header.startsWith("data:image/png")) {
        throw new ImageStoreException(Failure.UNSUPPORTED_MEDIA, "only PNG images are accepted");
      }
      if (!header.equals(PNG_DATA_URL)) {
        throw invalid("the data URL must be data:image/png;base64,");
      }
      base64 = base64.substring(comma + 1);
    }
    if (base64.isEmpty()) {
      throw invalid("image is empty");
    }
    if (base64.length() / 4 * 3 > maxImageBytes + 3) {
      throw new ImageStoreException(
          Failure.TOO_LARGE, "image is over the limit of " + maxImageBytes + " bytes");
    }
    try {
      boolean urlSafe = base64.indexOf('-') >= 0 || base64.indexOf('_') >= 0;
      return (urlSafe ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(base64);
    } catch (IllegalArgumentException e) {
      throw invalid("image is not valid base64");
    }
  }

  private static String stripWhitespace(String text) {
    int i = 0;
    while (i < text.length() && !Character.isWhitespace(text.charAt(i))) {
      i++;
    }
    if (i == text.length()) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length()).append(text, 0, i);
    for (; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!Character.isWhitespace(c)) {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static ImageStoreException invalid(String message) {
    return new ImageStoreException(Failure.INVALID_INPUT, message);
  }

  /** Stops reading a body that is larger than any valid request. */
  static final class LimitedInputStream extends java.io.FilterInputStream {
    static final class LimitExceeded extends IOException {
      private static final long serialVersionUID = 1L;

      LimitExceeded(long limit) {
        super(Long.toString(limit));
      }
    }

    private final long limit;
    private long read;

    LimitedInputStream(InputStream in, long limit) {
      super(in);
      this.limit = limit;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      count(b < 0 ? 0 : 1);
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      count(Math.max(n, 0));
      return n;
    }

    private void count(int n) throws LimitExceeded {
      read += n;
      if (read > limit) {
        throw new LimitExceeded(limit);
      }
    }
  }
}
