package org.imagestore.storage;

import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Reads the storage as it is, including folders and buckets written by the seed's back end: which
 * images exist, and each one's listing entry from its sidecar, its name and its header.
 */
public final class ImageListing {
  /** One image found in a listing, with what tells an index whether its entry is current. */
  public record Listed(String name, long size, Instant modified, FileState state) {}

  private final ObjectStore objects;
  private final ZoneId zone;

  ImageListing(ObjectStore objects, ZoneId zone) {
    this.objects = objects;
    this.zone = zone;
  }

  /**
   * Every stored image, in name order, a page at a time; other objects are ignored. In name order
   * an image's sidecar ({@code X.json}) comes before the image ({@code X.png}), and anything in
   * between starts with {@code X.}, so one remembered sidecar pairs them in bounded memory.
   */
  public void forEach(Consumer<Listed> action) {
    try (Stream<ObjectStore.Entry> entries = objects.list(ImageNames.PREFIX)) {
      var pending =
          new Object() {
            String sidecar;
            long version = -1;
          };
      entries.forEachOrdered(
          entry -> {
            if (isSidecarName(entry.name())) {
              pending.sidecar = entry.name();
              pending.version = entry.version();
            } else if (ImageNames.isImageName(entry.name())) {
              long sidecar =
                  ImageNames.sidecarName(entry.name()).equals(pending.sidecar)
                      ? pending.version
                      : -1;
              action.accept(
                  new Listed(
                      entry.name(),
                      entry.size(),
                      entry.modified(),
                      new FileState(entry.version(), sidecar)));
            }
          });
    }
  }

  /** {@code X.json} of an image name {@code X.png}; {@code X.k.json} is another file. */
  private static boolean isSidecarName(String name) {
    return name.endsWith(".json")
        && ImageNames.isImageName(name.substring(0, name.length() - ".json".length()) + ".png");
  }

  /** A listed image's entry; empty if it vanished meanwhile. */
  public Optional<StoredImage> read(Listed image) {
    String name = image.name();
    Optional<Sidecar> sidecar;
    try {
      sidecar =
          image.state().sidecarVersion() == -1
              ? Optional.empty()
              : Sidecar.read(objects, ImageNames.sidecarName(name), zone);
    } catch (ImageStoreException e) {
      if (e.failure() != Failure.NOT_FOUND) {
        throw e;
      }
      sidecar = Optional.empty();
    }
    OffsetDateTime created =
        sidecar
            .map(Sidecar::createdAt)
            .or(() -> ImageNames.timestamp(name, zone).map(ZonedDateTime::toOffsetDateTime))
            .orElseGet(() -> image.modified().atZone(zone).toOffsetDateTime());
    Integer width = sidecar.map(Sidecar::width).orElse(null);
    Integer height = sidecar.map(Sidecar::height).orElse(null);
    if (width == null || height == null) {
      Optional<PngInfo> header;
      try {
        header = readHeader(name);
      } catch (ImageStoreException e) {
        if (e.failure() == Failure.NOT_FOUND) {
          return Optional.empty();
        }
        throw e;
      }
      width = header.map(PngInfo::width).orElse(null);
      height = header.map(PngInfo::height).orElse(null);
    }
    return Optional.of(
        new StoredImage(
            name,
            created,
            image.size(),
            width,
            height,
            sidecar.map(Sidecar::metadata).orElse(JsonValue.EMPTY_JSON_OBJECT),
            sidecar.map(Sidecar::owner).orElse(null),
            sidecar.map(Sidecar::originalSize).orElse(null),
            sidecar.map(Sidecar::sha256).orElse(null)));
  }

  private Optional<PngInfo> readHeader(String name) {
    try (InputStream in = objects.read(name, 0, PngVerifier.HEADER_BYTES)) {
      return Optional.of(PngVerifier.header(in.readNBytes(PngVerifier.HEADER_BYTES)));
    } catch (IOException e) {
      return Optional.empty();
    } catch (ImageStoreException e) {
      if (e.failure() == Failure.INVALID_INPUT || e.failure() == Failure.UNSUPPORTED_MEDIA) {
        return Optional.empty();
      }
      throw e;
    }
  }
}
