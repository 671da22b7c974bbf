package org.imagestore.storage;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The store: saves, lists, opens and deletes images in the folder {@code imagestore.dir}. Each
 * image is a PNG plus a sidecar; the sidecar is published first, so an image is never visible
 * without its metadata, and neither is ever visible half-written.
 */
@ApplicationScoped
public class ImageStore {
  private static final Logger LOG = Logger.getLogger(ImageStore.class.getName());
  private static final int NAME_ATTEMPTS = 20;
  private static final int MAX_FINGERPRINTS = 200_000;
  private static final Comparator<StoredImage> NEWEST_FIRST =
      Comparator.comparing((StoredImage i) -> i.createdAt().toInstant())
          .thenComparing(StoredImage::filename)
          .reversed();

  @Inject StoreConfig config;

  /** Hashes of served images, so that an ETag costs a stat, not a read of the file. */
  private final Map<String, Fingerprint> fingerprints = new ConcurrentHashMap<>();

  private record Fingerprint(long size, long modifiedMillis, String sha256) {}

  /** Starts the store with the application, so that a bad folder fails the deployment. */
  void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
    LOG.log(Level.INFO, "imagestore: images are stored in {0}", config.dir());
  }

  @PostConstruct
  void init() {
    try {
      Files.createDirectories(config.dir());
      try (DirectoryStream<Path> temps =
          Files.newDirectoryStream(config.dir(), ImageNames.TEMP_PREFIX + "*")) {
        for (Path temp : temps) {
          if (ImageNames.isTempName(temp.getFileName().toString())) {
            LOG.log(Level.INFO, "imagestore: removing unfinished write {0}", temp);
            AtomicFiles.deleteQuietly(temp);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("imagestore.dir is not usable: " + config.dir(), e);
    }
  }

  public StoreConfig config() {
    return config;
  }

  /** Validates and stores a PNG with its generation metadata. */
  public StoredImage save(byte[] png, JsonObject metadata) {
    if (png.length > config.maxImageBytes()) {
      throw tooLarge(png.length);
    }
    PngInfo info = PngVerifier.verify(png, config.maxPixels());
    requireFreeSpace(png.length);
    ZonedDateTime now = ZonedDateTime.now(config.zone()).truncatedTo(ChronoUnit.MICROS);
    String sha256 = sha256(png);
    JsonObject meta =
        metadata.containsKey("source")
            ? metadata
            : Json.createObjectBuilder(metadata).add("source", ImageQuery.DEFAULT_SOURCE).build();
    Path imageTemp = null;
    try {
      imageTemp = AtomicFiles.writeTemp(config.dir(), out -> out.write(png));
      for (int attempt = 0; attempt < NAME_ATTEMPTS; attempt++) {
        StoredImage image =
            new StoredImage(
                ImageNames.newName(now),
                now.toOffsetDateTime(),
                png.length,
                info.width(),
                info.height(),
                meta);
        if (publish(image, sha256, imageTemp)) {
          fingerprints.put(image.filename(), fingerprint(image.filename(), sha256));
          return image;
        }
      }
      throw new IllegalStateException("no free file name after " + NAME_ATTEMPTS + " attempts");
    } catch (IOException e) {
      if (e instanceof FileSystemException fse
          && String.valueOf(fse.getReason()).contains("space")) {
        throw new ImageStoreException(Failure.INSUFFICIENT_STORAGE, "the storage volume is full");
      }
      throw new UncheckedIOException(e);
    } finally {
      if (imageTemp != null) {
        AtomicFiles.deleteQuietly(imageTemp);
      }
    }
  }

  /** Publishes sidecar then image under a fresh name; false if the name was taken. */
  private boolean publish(StoredImage image, String sha256, Path imageTemp) throws IOException {
    Path dir = config.dir();
    Path sidecar = dir.resolve(ImageNames.sidecarName(image.filename()));
    Path sidecarTemp =
        AtomicFiles.writeTemp(
            dir, out -> Sidecar.of(image, sha256).write(image.filename(), image.size(), out));
    if (!AtomicFiles.publish(sidecarTemp, sidecar)) {
      AtomicFiles.deleteQuietly(sidecarTemp);
      return false;
    }
    if (!AtomicFiles.publish(imageTemp, dir.resolve(image.filename()))) {
      Files.deleteIfExists(sidecar);
      return false;
    }
    AtomicFiles.syncDirectory(dir);
    return true;
  }

  /** The images that match, newest first; reads every sidecar in the folder. */
  public ImagePage list(ImageQuery query) {
    List<StoredImage> matching = new ArrayList<>();
    try (DirectoryStream<Path> entries =
        Files.newDirectoryStream(config.dir(), "generated_*.png")) {
      for (Path entry : entries) {
        if (ImageNames.isImageName(entry.getFileName().toString())) {
          read(entry).filter(query::matches).ifPresent(matching::add);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    matching.sort(NEWEST_FIRST);
    int from = Math.min(query.offset(), matching.size());
    int to = Math.min(from + query.limit(), matching.size());
    return new ImagePage(List.copyOf(matching.subList(from, to)), matching.size());
  }

  /** Reads an image's listing entry; empty if it vanished meanwhile. */
  private Optional<StoredImage> read(Path image) {
    String name = image.getFileName().toString();
    ZoneId zone = config.zone();
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(image, BasicFileAttributes.class);
    } catch (IOException e) {
      return Optional.empty();
    }
    Optional<Sidecar> sidecar =
        Sidecar.read(image.resolveSibling(ImageNames.sidecarName(name)), zone);
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
            sidecar.map(Sidecar::metadata).orElse(jakarta.json.JsonValue.EMPTY_JSON_OBJECT)));
  }

  private static Optional<PngInfo> readHeader(Path image) {
    try (InputStream in = Files.newInputStream(image)) {
      return Optional.of(PngVerifier.header(in.readNBytes(PngVerifier.HEADER_BYTES)));
    } catch (IOException | ImageStoreException e) {
      return Optional.empty();
    }
  }

  /** Opens a stored image for serving. */
  public ImageContent open(String filename) {
    Path file = resolve(filename);
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(file, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      throw notFound(filename);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (!attributes.isRegularFile()) {
      throw notFound(filename);
    }
    long modified = attributes.lastModifiedTime().toMillis();
    Fingerprint known = fingerprints.get(filename);
    if (known == null || known.size() != attributes.size() || known.modifiedMillis() != modified) {
      known = new Fingerprint(attributes.size(), modified, hash(file));
      if (fingerprints.size() >= MAX_FINGERPRINTS) {
        fingerprints.clear();
      }
      fingerprints.put(filename, known);
    }
    return new ImageContent(
        file, attributes.size(), attributes.lastModifiedTime().toInstant(), known.sha256());
  }

  /** Deletes an image and its sidecar. */
  public void delete(String filename) {
    Path file = resolve(filename);
    try {
      if (!Files.deleteIfExists(file)) {
        throw notFound(filename);
      }
      fingerprints.remove(filename);
      Files.deleteIfExists(file.resolveSibling(ImageNames.sidecarName(filename)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Where an image lives on disk; only for {@code imagestore.expose-path}. */
  public Path pathOf(String filename) {
    return resolve(filename);
  }

  private Path resolve(String filename) {
    if (!ImageNames.isImageName(filename)) {
      throw new ImageStoreException(Failure.INVALID_INPUT, "not a stored image name");
    }
    return config.dir().resolve(filename);
  }

  private void requireFreeSpace(long bytes) {
    try {
      long usable = Files.getFileStore(config.dir()).getUsableSpace();
      if (usable - bytes < config.minFreeBytes()) {
        throw new ImageStoreException(
            Failure.INSUFFICIENT_STORAGE, "not enough free space on the storage volume");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Fingerprint fingerprint(String filename, String sha256) throws IOException {
    BasicFileAttributes a =
        Files.readAttributes(config.dir().resolve(filename), BasicFileAttributes.class);
    return new Fingerprint(a.size(), a.lastModifiedTime().toMillis(), sha256);
  }

  private ImageStoreException tooLarge(long bytes) {
    return new ImageStoreException(
        Failure.TOO_LARGE,
        "image is " + bytes + " bytes, over the limit of " + config.maxImageBytes() + " bytes");
  }

  private static ImageStoreException notFound(String filename) {
    return new ImageStoreException(Failure.NOT_FOUND, "no image named " + filename);
  }

  private static String sha256(byte[] bytes) {
    return HexFormat.of().formatHex(digest().digest(bytes));
  }

  private static String hash(Path file) {
    MessageDigest digest = digest();
    byte[] buffer = new byte[64 * 1024];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
    } catch (NoSuchFileException e) {
      throw notFound(file.getFileName().toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
