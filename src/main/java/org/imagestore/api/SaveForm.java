package org.imagestore.api;

import static org.imagestore.storage.ImageStoreException.invalidInput;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The multipart save: the {@code image} part goes to the upload's temp file as it streams in, the
 * {@code metadata} part is JSON text; other parts are skipped, as unknown JSON fields are.
 */
final class SaveForm {
  private SaveForm() {}

  /**
   * Reads the form, its image into {@code upload}.
   *
   * @return the metadata, empty if the form has none
   */
  static JsonObject read(Multipart form, Upload upload, long maxImageBytes) {
    boolean image = false;
    JsonObject metadata = null;
    for (Multipart.Part part = form.next(); part != null; part = form.next()) {
      if ("image".equals(part.name())) {
        if (image) {
          throw invalidInput("image is given more than once");
        }
        upload.write(part.body(), maxImageBytes);
        image = true;
      } else if ("metadata".equals(part.name())) {
        if (metadata != null) {
          throw invalidInput("metadata is given more than once");
        }
        metadata = SaveRequest.metadata(text(part.body()));
      }
    }
    if (!image) {
      throw invalidInput("image is required");
    }
    return metadata == null ? JsonValue.EMPTY_JSON_OBJECT : metadata;
  }

  /** A text part, read up to the longest metadata a save takes (UTF-8: four bytes a character). */
  private static String text(InputStream body) {
    try {
      byte[] bytes = body.readNBytes(4 * SaveRequest.MAX_FIELD_CHARS + 1);
      if (bytes.length > 4 * SaveRequest.MAX_FIELD_CHARS) {
        throw invalidInput("metadata is over " + SaveRequest.MAX_FIELD_CHARS + " characters");
      }
      return new String(bytes, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw invalidInput("the request body could not be read: " + e);
    }
  }
}
