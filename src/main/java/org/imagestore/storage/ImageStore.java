package org.imagestore.storage;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
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

  @Inject StoreConfig config;

  @Inject ImageCatalog catalog;

  private ImageFolder folder;

  private final Fingerprints fingerprints = new Fingerprints();

  /** Starts the store with the application, so that a bad folder fails the deployment. */
  void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
    LOG.log(Level.INFO, "imagestore: images are stored in {0}", config.dir());
  }

  @PostConstruct
  void init() {
    folder = new ImageFolder(config.dir(), config.zone());
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
    if (metadata.toString().length() > StoredImage.MAX_METADATA_CHARS) {
      throw new ImageStoreException(
          Failure.TOO_LARGE,
          "metadata is over " + StoredImage.MAX_METADATA_CHARS + " characters as JSON");
    }
    PngInfo info = PngVerifier.verify(png, config.maxPixels());
    requireFreeSpace(png.length);
    ZonedDateTime now = ZonedDateTime.now(config.zone()).truncatedTo(ChronoUnit.MICROS);
    String sha256 = Fingerprints.sha256(png);
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
          fingerprints.remember(config.dir().resolve(image.filename()), sha256);
          index(image);
          return image;
        }
      }
      throw new IllegalStateException("no free file name after " + NAME_ATTEMPTS + " attempts");
    } catch (IOException e) {
      // ENOSPC surfaces as a plain IOException with the system's message, not a subtype.
      if (String.valueOf(e.getMessage()).contains("No space left")) {
        throw new ImageStoreException(Failure.INSUFFICIENT_STORAGE, "the storage volume is full");
      }
      throw new UncheckedIOException(e);
    } finally {
      if (imageTemp != null) {
        AtomicFiles.deleteQuietly(imageTemp);
      }
    }
  }

  /** The file is saved whatever happens here; the next reconciliation repairs a failed update. */
  private void index(StoredImage image) {
    try {
      folder.state(image.filename()).ifPresent(state -> catalog.put(image, state));
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "imagestore: could not index " + image.filename(), e);
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

  /** The images that match, newest first, from the catalog. */
  public ImagePage list(ImageQuery query) {
    return catalog.page(query);
  }

  /** The folder as it is on disk, for reconciling the catalog with it. */
  public ImageFolder folder() {
    return folder;
  }

  /** Opens a stored image for serving. */
  public ImageContent open(String filename) {
    Path file = resolve(filename);
    try {
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
      if (!attributes.isRegularFile()) {
        throw notFound(filename);
      }
      return new ImageContent(
          file,
          attributes.size(),
          attributes.lastModifiedTime().toInstant(),
          fingerprints.of(file, attributes));
    } catch (NoSuchFileException e) {
      throw notFound(filename);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Deletes an image and its sidecar. */
  public void delete(String filename) {
    Path file = resolve(filename);
    try {
      if (!Files.deleteIfExists(file)) {
        throw notFound(filename);
      }
      fingerprints.forget(filename);
      Files.deleteIfExists(file.resolveSibling(ImageNames.sidecarName(filename)));
      catalog.remove(filename);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether a file can be created in the folder now: tried, since permissions can mislead. */
  public boolean writable() {
    try {
      AtomicFiles.deleteQuietly(AtomicFiles.writeTemp(config.dir(), out -> {}));
      return true;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /** The storage volume's total, free and usable bytes. */
  public Volume volume() {
    try {
      var store = Files.getFileStore(config.dir());
      return new Volume(store.getTotalSpace(), store.getUnallocatedSpace(), store.getUsableSpace());
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
    if (volume().usableBytes() - bytes < config.minFreeBytes()) {
      throw new ImageStoreException(
          Failure.INSUFFICIENT_STORAGE, "not enough free space on the storage volume");
    }
  }

  private ImageStoreException tooLarge(long bytes) {
    return new ImageStoreException(
        Failure.TOO_LARGE,
        "image is " + bytes + " bytes, over the limit of " + config.maxImageBytes() + " bytes");
  }

  private static ImageStoreException notFound(String filename) {
    return new ImageStoreException(Failure.NOT_FOUND, "no image named " + filename);
  }
}
