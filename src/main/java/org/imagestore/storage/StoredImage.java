package org.imagestore.storage;

import jakarta.json.JsonObject;
import java.time.OffsetDateTime;

/**
 * One stored image as the API shows it: its name, when it was made, its real size, its metadata,
 * who saved it ({@code owner}: null when auth was off, or for images from before), and the size it
 * was uploaded with when {@code imagestore.recompress} made it smaller ({@code originalSize}, else
 * null), and the hex SHA-256 of its stored bytes (null for images whose sidecar has none, as the
 * seed's).
 */
public record StoredImage(
    String filename,
    OffsetDateTime createdAt,
    long size,
    Integer width,
    Integer height,
    JsonObject metadata,
    String owner,
    Long originalSize,
    String sha256) {

  /** The most metadata an image may carry, as JSON text: the index keeps it in a VARCHAR. */
  public static final int MAX_METADATA_CHARS = 65_535;

  /** The prompt, model or source as a string, or null; non-string values are never matched. */
  public String metadataString(String key) {
    return metadata.get(key) instanceof jakarta.json.JsonString s ? s.getString() : null;
  }
}
