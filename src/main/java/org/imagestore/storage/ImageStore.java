package org.imagestore.storage;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.literal.NamedLiteral;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * The store: saves, lists, opens and deletes images in the configured back end ({@code
 * imagestore.storage}). Each image is a PNG plus a sidecar; the sidecar is written first, so an
 * image is never visible without its metadata, and neither is ever visible half-written.
 */
@ApplicationScoped
public class ImageStore {
  private static final Logger LOG = Logger.getLogger(ImageStore.class.getName());
  private static final int NAME_ATTEMPTS = 20;

  @Inject StoreConfig config;

  @Inject ImageCatalog catalog;

  @Inject @Any Instance<ObjectStore> backEnds;

  @Inject Event<ImageSaved> saved;

  @Inject Event<ImageDeleted> deleted;

  private ObjectStore objects;

  private ImageListing listing;

  private final Fingerprints fingerprints = new Fingerprints();

  /** Sidecars of failed saves that could not be removed at once. */
  private final Set<String> leftovers = ConcurrentHashMap.newKeySet();

  /** Starts the store with the application, so that bad storage fails the deployment. */
  void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
    LOG.log(Level.INFO, "imagestore: images are stored in {0}", objects.location());
  }

  @PostConstruct
  void init() {
    objects = backEnds.select(NamedLiteral.of(config.storage())).get();
    listing = new ImageListing(objects, config.zone());
  }

  public StoreConfig config() {
    return config;
  }

  /** {@link #save(ByteBuffer, JsonObject, String)} for a PNG held in the heap. */
  public SaveOutcome save(byte[] png, JsonObject metadata, String owner) {
    return save(ByteBuffer.wrap(png), metadata, owner);
  }

  /**
   * Validates and stores a PNG with its generation metadata, completed from the recipe in its text
   * chunks ({@link PreparedImage}); with {@code imagestore.dedup}, answers the image already stored
   * with the same bytes in the owner's scope instead.
   *
   * @param png the PNG from position 0 to its limit: an array, or a mapped upload
   * @param owner who saves it, recorded with it; null with auth off
   */
  public SaveOutcome save(ByteBuffer png, JsonObject metadata, String owner) {
    if (png.limit() > config.maxImageBytes()) {
      throw tooLarge(png.limit());
    }
    if (metadata.toString().length() > StoredImage.MAX_METADATA_CHARS) {
      throw new ImageStoreException(
          Failure.TOO_LARGE,
          "metadata is over " + StoredImage.MAX_METADATA_CHARS + " characters as JSON");
    }
    PreparedImage prepared = PreparedImage.of(png, metadata, config);
    if (config.dedup()) {
      Optional<StoredImage> same = stored(prepared.sha256(), owner);
      if (same.isPresent()) {
        return new SaveOutcome(same.get(), true);
      }
    }
    ObjectBytes stored = prepared.bytes();
    requireFreeSpace(stored.size());
    ZonedDateTime now = ZonedDateTime.now(config.zone()).truncatedTo(ChronoUnit.MICROS);
    for (int attempt = 0; attempt < NAME_ATTEMPTS; attempt++) {
      StoredImage image =
          new StoredImage(
              ImageNames.newName(now),
              now.toOffsetDateTime(),
              stored.size(),
              prepared.info().width(),
              prepared.info().height(),
              prepared.metadata(),
              owner,
              prepared.originalSize(),
              prepared.sha256());
      // The claim makes the name ours on every back end, even one that ignores conditional
      // writes; putIfAbsent then guards against objects the index does not know yet.
      if (!catalog.claim(image.filename())) {
        continue;
      }
      boolean indexed = false;
      try {
        Optional<FileState> state = publish(image, stored);
        if (state.isPresent()) {
          fingerprints.remember(
              image.filename(), stored.size(), state.get().imageVersion(), image.sha256());
          indexed = index(image, state.get());
          saved.fire(new ImageSaved(image));
          return new SaveOutcome(image, false);
        }
      } finally {
        if (!indexed) {
          release(image.filename());
        }
      }
    }
    // Random names do not collide twenty times: the index refused the claims.
    throw new ImageStoreException(
        Failure.UNAVAILABLE, "the index cannot record the new image's name now");
  }

  /**
   * The image the index says has these bytes, if the storage still has it: the index may lag a
   * delete made on another server.
   */
  private Optional<StoredImage> stored(String sha256, String owner) {
    return catalog
        .withContent(sha256, owner == null ? Scope.EVERYONE : Scope.of(owner))
        .filter(image -> objects.head(image.filename()).isPresent());
  }

  /** What the save or delete did stands; a claim left behind is swept by reconciliation. */
  private void release(String filename) {
    try {
      catalog.release(filename);
    } catch (Exception e) { // a failed commit may come as a checked exception
      LOG.log(
          Level.WARNING,
          "imagestore: could not release the claim on {0}: {1}",
          new Object[] {filename, e});
    }
  }

  /**
   * The image is saved whatever happens here; the next reconciliation repairs a failed update.
   *
   * @return whether the image is indexed, and its claim ended with it
   */
  private boolean index(StoredImage image, FileState state) {
    try {
      catalog.putSaved(image, state);
      return true;
    } catch (Exception e) { // a failed commit may come as a checked exception
      LOG.log(Level.WARNING, "imagestore: could not index " + image.filename(), e);
      return false;
    }
  }

  /** Writes sidecar then image under the claimed name; empty if either name was taken. */
  private Optional<FileState> publish(StoredImage image, ObjectBytes png) {
    String name = image.filename();
    String sidecarName = ImageNames.sidecarName(name);
    Optional<Long> sidecar =
        objects.putIfAbsent(
            sidecarName,
            ObjectBytes.of(Sidecar.of(image).bytes(name, image.size())),
            new ObjectStore.Attributes("application/json", "no-cache", Map.of()));
    if (sidecar.isEmpty()) {
      return Optional.empty();
    }
    Optional<Long> written;
    try {
      written =
          objects.putIfAbsent(
              name,
              png,
              new ObjectStore.Attributes(
                  "image/png", cacheControl(), Map.of(ObjectStore.Entry.SHA256, image.sha256())));
    } catch (RuntimeException e) {
      deleteQuietly(sidecarName);
      throw e;
    }
    if (written.isEmpty()) {
      deleteQuietly(sidecarName);
      return Optional.empty();
    }
    return Optional.of(new FileState(written.get(), sidecar.get()));
  }

  /**
   * A sidecar without its image is never listed or served; if it cannot go now (the storage is
   * down), {@link #removeLeftovers} tries again later.
   */
  private void deleteQuietly(String name) {
    try {
      objects.delete(name);
      leftovers.remove(name);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "imagestore: could not remove {0} yet: {1}", new Object[] {name, e});
      leftovers.add(name);
    }
  }

  /** Removes what failed saves left while the storage was down; run by maintenance. */
  public void removeLeftovers() {
    List.copyOf(leftovers).forEach(this::deleteQuietly);
  }

  /** What every image is served with, from the servlet or straight from a bucket. */
  public String cacheControl() {
    return "public, max-age=" + config.cacheMaxAge() + ", immutable";
  }

  /** The images in the scope that match, newest first, from the catalog. */
  public ImagePage list(ImageQuery query, Scope scope) {
    return catalog.page(query, scope);
  }

  /** The storage as it is, for reconciling the catalog with it. */
  public ImageListing listing() {
    return listing;
  }

  /** How many objects reconciliation should read at once on this back end. */
  public int readParallelism() {
    return objects.readParallelism();
  }

  /** Opens a stored image for serving; reads no bytes unless its hash must be computed. */
  public ImageContent open(String filename) {
    requireImageName(filename);
    return openObject(filename).orElseThrow(() -> notFound(filename));
  }

  /**
   * A stored image's bytes, for what is derived from it: unlike {@link #open}, no hash is computed;
   * the caller closes the stream.
   */
  public InputStream read(String filename) {
    requireImageName(filename);
    ObjectStore.Entry object = objects.head(filename).orElseThrow(() -> notFound(filename));
    return objects.read(filename, 0, object.size());
  }

  /**
   * Opens any stored object by its name, for objects derived from images (their names are built by
   * their owner, never taken from a request); empty if there is none.
   */
  public Optional<ImageContent> openObject(String name) {
    return objects
        .head(name)
        .map(
            object -> {
              String sha256 = object.tags().get(ObjectStore.Entry.SHA256);
              if (sha256 == null) {
                sha256 = fingerprints.of(object, () -> objects.read(name, 0, object.size()));
              }
              return new ImageContent(objects, object, sha256);
            });
  }

  /**
   * Stores a derived object, served like the images and never replaced.
   *
   * @return false if the name was taken: another request made it first
   */
  public boolean putObject(String name, byte[] content, String contentType) {
    requireFreeSpace(content.length);
    ObjectBytes bytes = ObjectBytes.of(content);
    String sha256 = bytes.sha256();
    Optional<Long> version =
        objects.putIfAbsent(
            name,
            bytes,
            new ObjectStore.Attributes(
                contentType, cacheControl(), Map.of(ObjectStore.Entry.SHA256, sha256)));
    // A folder keeps no tags: remembered here, the hash is not read back from the new file.
    version.ifPresent(v -> fingerprints.remember(name, content.length, v, sha256));
    return version.isPresent();
  }

  /** Whether an object of that name exists; reads none of its bytes. */
  public boolean exists(String name) {
    return objects.head(name).isPresent();
  }

  /** Deletes a derived object if it exists. */
  public void deleteObject(String name) {
    fingerprints.forget(name);
    objects.delete(name);
  }

  /** The stored objects whose names start with {@code prefix}; the caller closes the stream. */
  public Stream<ObjectStore.Entry> objects(String prefix) {
    return objects.list(prefix);
  }

  /**
   * Deletes an image and its sidecar. The name's claim makes one delete at a time succeed, on every
   * server: a second one finds the name held, and then the image gone.
   *
   * @throws ImageStoreException {@link Failure#NOT_FOUND} also for an image outside the scope, so
   *     that nobody learns from a refusal what others have stored
   */
  public void delete(String filename, Scope scope) {
    requireImageName(filename);
    claimToDelete(filename);
    try {
      if (!scope.everyone() && !scope.covers(ownerOf(filename))) {
        throw notFound(filename);
      }
      if (!objects.delete(filename)) {
        throw notFound(filename);
      }
      fingerprints.forget(filename);
      // The image is gone: the delete happened, whatever becomes of its sidecar now.
      deleteQuietly(ImageNames.sidecarName(filename));
      catalog.remove(filename);
      deleted.fire(new ImageDeleted(filename));
    } finally {
      release(filename);
    }
  }

  /**
   * Claims a name to delete it: refused (409) while another request holds it, which is deleting the
   * image or still saving it. Looking first spares the index a refused insert, which the JPA
   * provider logs as an error; the other request may release the name between a refused claim and
   * our look, hence a second round. Refused with no holder, the index is down.
   */
  private void claimToDelete(String filename) {
    for (int attempt = 0; attempt < 2; attempt++) {
      if (heldByAnother(filename)) {
        throw new ImageStoreException(
            Failure.CONFLICT, filename + " is being saved or deleted by another request now");
      }
      if (catalog.claim(filename)) {
        return;
      }
    }
    throw new ImageStoreException(Failure.UNAVAILABLE, "the index cannot be reached now");
  }

  /** The owner its sidecar records: the storage's word, not the index's, which may lag. */
  private String ownerOf(String filename) {
    try {
      return Sidecar.read(objects, ImageNames.sidecarName(filename), config.zone())
          .map(Sidecar::owner)
          .orElse(null);
    } catch (ImageStoreException e) {
      if (e.failure() == Failure.NOT_FOUND) {
        return null;
      }
      throw e;
    }
  }

  private boolean heldByAnother(String filename) {
    try {
      return catalog.claimed(filename);
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "imagestore: the index cannot be read", e);
      return false;
    }
  }

  /**
   * Why the store cannot take saves now (storage unwritable, too little space); empty if it can.
   */
  public Optional<String> problem() {
    return objects
        .problem()
        .or(
            () ->
                volume()
                    .filter(v -> v.usableBytes() < config.minFreeBytes())
                    .map(v -> "free space is under imagestore.min-free-bytes"));
  }

  /** The storage volume's total, free and usable bytes; empty for a bucket. */
  public Optional<Volume> volume() {
    return objects.volume();
  }

  /** Where the images are: a folder, an {@code s3://} URI. */
  public String location() {
    return objects.location();
  }

  /** Where one image is, for {@code imagestore.expose-path}. */
  public String locationOf(String filename) {
    requireImageName(filename);
    return objects.location(filename);
  }

  /** Where a client may fetch the image's bytes directly, when the back end offers that. */
  public Optional<String> directUrl(String filename) {
    return objects.directUrl(filename);
  }

  private static void requireImageName(String filename) {
    if (!ImageNames.isImageName(filename)) {
      throw new ImageStoreException(Failure.INVALID_INPUT, "not a stored image name");
    }
  }

  private void requireFreeSpace(long bytes) {
    Optional<Volume> volume = volume();
    if (volume.isPresent() && volume.get().usableBytes() - bytes < config.minFreeBytes()) {
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
