package org.imagestore.storage;

import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.JsonWriter;
import jakarta.json.stream.JsonGenerator;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The JSON file beside each image, in the seed's shape {@code {"filename", "created_at",
 * "metadata"}} plus {@code size}, {@code sha256}, {@code width}, {@code height}, with auth on
 * {@code owner}, and {@code original_size} when recompression made the image smaller. Every field
 * but the metadata may be missing in a seed folder; readers fall back to the image itself.
 */
record Sidecar(
    OffsetDateTime createdAt,
    Integer width,
    Integer height,
    String sha256,
    JsonObject metadata,
    String owner,
    Long originalSize) {
  private static final Logger LOG = Logger.getLogger(Sidecar.class.getName());

  /** Ours hold at most 64 KiB of metadata; a larger hand-written one is not read into memory. */
  static final int MAX_READ_BYTES = 4 * 1024 * 1024;

  private static final Map<String, ?> PRETTY = Map.of(JsonGenerator.PRETTY_PRINTING, true);

  static Sidecar of(StoredImage image) {
    return new Sidecar(
        image.createdAt(),
        image.width(),
        image.height(),
        image.sha256(),
        image.metadata(),
        image.owner(),
        image.originalSize());
  }

  /**
   * Reads a sidecar; empty if it is not a JSON object or is over {@link #MAX_READ_BYTES} (logged).
   *
   * @throws ImageStoreException with {@link Failure#NOT_FOUND} if there is none
   */
  static Optional<Sidecar> read(ObjectStore objects, String name, ZoneId zone) {
    byte[] bytes;
    try (InputStream in = objects.read(name, 0, MAX_READ_BYTES + 1)) {
      bytes = in.readNBytes(MAX_READ_BYTES + 1);
    } catch (IOException e) {
      LOG.log(Level.WARNING, "Ignoring unreadable sidecar {0}: {1}", new Object[] {name, e});
      return Optional.empty();
    }
    if (bytes.length > MAX_READ_BYTES) {
      LOG.log(
          Level.WARNING,
          "Ignoring sidecar {0}: over {1} bytes",
          new Object[] {name, MAX_READ_BYTES});
      return Optional.empty();
    }
    try (var reader = JsonText.PROVIDER.createReader(new ByteArrayInputStream(bytes))) {
      JsonObject json = reader.readObject();
      return Optional.of(
          new Sidecar(
              json.get("created_at") instanceof JsonString s
                  ? Timestamps.parseCreatedAt(s.getString(), zone).orElse(null)
                  : null,
              intOrNull(json.get("width")),
              intOrNull(json.get("height")),
              json.get("sha256") instanceof JsonString s ? s.getString() : null,
              json.get("metadata") instanceof JsonObject m ? m : JsonValue.EMPTY_JSON_OBJECT,
              json.get("owner") instanceof JsonString s ? s.getString() : null,
              json.get("original_size") instanceof JsonNumber n && n.isIntegral()
                  ? n.longValue()
                  : null));
    } catch (JsonException | ClassCastException e) {
      LOG.log(Level.WARNING, "Ignoring unreadable sidecar {0}: {1}", new Object[] {name, e});
      return Optional.empty();
    }
  }

  /** The sidecar's bytes as stored. */
  byte[] bytes(String filename, long size) {
    var out = new ByteArrayOutputStream();
    write(filename, size, out);
    return out.toByteArray();
  }

  private void write(String filename, long size, OutputStream out) {
    var json =
        JsonText.PROVIDER
            .createObjectBuilder()
            .add("filename", filename)
            .add("created_at", Timestamps.format(createdAt))
            .add("size", size)
            .add("sha256", sha256)
            .add("width", width)
            .add("height", height)
            .add("metadata", metadata);
    if (owner != null) {
      json.add("owner", owner);
    }
    if (originalSize != null) {
      json.add("original_size", originalSize);
    }
    try (JsonWriter writer =
        JsonText.PROVIDER
            .createWriterFactory(PRETTY)
            .createWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8))) {
      writer.writeObject(json.build());
    }
  }

  private static Integer intOrNull(JsonValue value) {
    return value instanceof JsonNumber n && n.isIntegral() ? n.intValue() : null;
  }
}
