package org.imagestore.storage;

import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the storage folder as it is on disk, including folders written by the seed's back end:
 * which images exist, and each one's listing entry from its sidecar, its name and its header.
 */
public final class ImageFolder {
  private final Path dir;
  private final ZoneId zone;

  ImageFolder(Path dir, ZoneId zone) {
    this.dir = dir;
    this.zone = zone;
  }

  /** Every stored image with its modification times; other files are ignored. */
  public Map<String, FileState> snapshot() {
    Map<String, FileState> images = new HashMap<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, "generated_*.png")) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        if (ImageNames.isImageName(name)) {
          state(name).ifPresent(state -> images.put(name, state));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return images;
  }

  /** The image's modification times; empty if it does not exist. */
  public Optional<FileState> state(String name) {
    try {
      long image = Files.getLastModifiedTime(dir.resolve(name)).toMillis();
      long sidecar;
      try {
        sidecar = Files.getLastModifiedTime(dir.resolve(ImageNames.sidecarName(name))).toMillis();
      } catch (NoSuchFileException e) {
        sidecar = -1;
      }
      return Optional.of(new FileState(image, sidecar));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** An image's listing entry; empty if it vanished meanwhile. */
  public Optional<StoredImage> read(String name) {
    Path image = dir.resolve(name);
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(image, BasicFileAttributes.class);
    } catch (IOException e) {
      return Optional.empty();
    }
    Optional<Sidecar> sidecar = Sidecar.read(dir.resolve(ImageNames.sidecarName(name)), zone);
    OffsetDateTime created =
        sidecar
            .map(Sidecar::createdAt)
            .or(() -> ImageNames.timestamp(name, zone).map(ZonedDateTime::toOffsetDateTime))
            .orElseGet(
                () -> attributes.lastModifiedTime().toInstant().atZone(zone).toOffsetDateTime());
    Integer width = sidecar.map(Sidecar::width).orElse(null);
    Integer height = sidecar.map(Sidecar::height).orElse(null);
    if (width == null || height == null) {
      Optional<PngInfo> header = readHeader(image);
      width = header.map(PngInfo::width).orElse(null);
      height = header.map(PngInfo::height).orElse(null);
    }
    return Optional.of(
        new StoredImage(
            name,
            created,
            attributes.size(),
            width,
            height,
            sidecar.map(Sidecar::metadata).orElse(JsonValue.EMPTY_JSON_OBJECT)));
  }

  private static Optional<PngInfo> readHeader(Path image) {
    try (InputStream in = Files.newInputStream(image)) {
      return Optional.of(PngVerifier.header(in.readNBytes(PngVerifier.HEADER_BYTES)));
    } catch (IOException | ImageStoreException e) {
      return Optional.empty();
    }
  }
}
