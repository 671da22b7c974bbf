package org.imagestore.derived;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.imagestore.storage.Failure;
import org.imagestore.storage.ImageContent;
import org.imagestore.storage.ImageDeleted;
import org.imagestore.storage.ImageNames;
import org.imagestore.storage.ImageSaved;
import org.imagestore.storage.ImageStore;
import org.imagestore.storage.ImageStoreException;
import org.imagestore.storage.ObjectStore;

/**
 * Derived images of the stored ones, each made once: concurrent first requests for one image and
 * width wait for the same result, and at most {@code imagestore.derived-threads} are made at a
 * time. A derived image is the object {@code derived_<width>_<image name>.<webp|jpg>} in the
 * image's storage: it goes with its image, and maintenance removes any whose image is gone or whose
 * width is no longer configured.
 */
@ApplicationScoped
public class DerivedImages {
  private static final Logger LOG = Logger.getLogger(DerivedImages.class.getName());
  static final String PREFIX = "derived_";
  private static final Pattern NAME =
      Pattern.compile(Pattern.quote(PREFIX) + "(\\d{1,4})_(.+)\\.(webp|jpg)");

  /** How long a request waits for a free worker before it gets 503. */
  private static final long WAIT_SECONDS = 30;

  @Inject ImageStore store;
  @Inject DerivedConfig config;

  private final Map<String, CompletableFuture<ImageContent>> making = new ConcurrentHashMap<>();
  private Semaphore workers;
  private Encoder encoder;

  @PostConstruct
  void init() {
    ImageIoRegistry.initWithoutThisWar();
    workers = new Semaphore(config.threads(), true);
    encoder = Encoder.best(config.quality());
    LOG.log(Level.INFO, "imagestore: derived images: {0}", config);
  }

  /** The media type of every derived image this server makes. */
  public String mediaType() {
    return encoder.mediaType();
  }

  /**
   * The image's derived copy {@code width} pixels wide, made now if it does not exist yet.
   *
   * @throws ImageStoreException 400 for a width that is not configured or a name that is no
   *     image's, 404 when there is no such image
   */
  public ImageContent open(String filename, int width) {
    if (!config.widths().contains(width)) {
      throw new ImageStoreException(
          Failure.INVALID_INPUT, "width " + width + " is not one of " + config.widths());
    }
    if (!ImageNames.isImageName(filename)) {
      throw new ImageStoreException(Failure.INVALID_INPUT, "not a stored image name");
    }
    String name = nameOf(filename, width);
    Optional<ImageContent> made = store.openObject(name);
    if (made.isPresent()) {
      return made.get();
    }
    CompletableFuture<ImageContent> mine = new CompletableFuture<>();
    CompletableFuture<ImageContent> theirs = making.putIfAbsent(name, mine);
    if (theirs != null) {
      return await(theirs);
    }
    try {
      // Whoever made it before we registered has published it by now.
      ImageContent content = store.openObject(name).orElseGet(() -> make(filename, width, name));
      mine.complete(content);
      return content;
    } catch (RuntimeException | Error e) {
      // Those waiting for it must learn of the failure too, or they would wait for ever.
      mine.completeExceptionally(e);
      throw e;
    } finally {
      making.remove(name, mine);
    }
  }

  private static ImageContent await(CompletableFuture<ImageContent> making) {
    try {
      return making.get(2 * WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException cause
          ? cause
          : new ImageStoreException(Failure.UNAVAILABLE, "the thumbnail could not be made");
    } catch (TimeoutException e) {
      throw new ImageStoreException(Failure.UNAVAILABLE, "the thumbnail is still being made");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ImageStoreException(Failure.UNAVAILABLE, "interrupted");
    }
  }

  private ImageContent make(String filename, int width, String name) {
    // A name that is no image's is a 404 before it takes a worker's turn.
    if (!store.exists(filename)) {
      throw new ImageStoreException(Failure.NOT_FOUND, "no image named " + filename);
    }
    acquireWorker();
    try {
      long start = System.nanoTime();
      byte[] bytes;
      try (InputStream png = store.read(filename)) {
        bytes =
            encoder.encode(Resizer.fit(png, width, store.config().maxPixels()), config.quality());
      } catch (IOException e) {
        throw new ImageStoreException(
            Failure.INVALID_INPUT, filename + " cannot be decoded as a PNG: " + e.getMessage());
      }
      store.putObject(name, bytes, encoder.mediaType());
      if (!store.exists(filename)) {
        // Deleted while it was being made: its delete found nothing to remove yet.
        store.deleteObject(name);
        throw new ImageStoreException(Failure.NOT_FOUND, "no image named " + filename);
      }
      LOG.log(
          Level.INFO,
          "imagestore: made {0} ({1} bytes in {2} ms)",
          new Object[] {name, bytes.length, (System.nanoTime() - start) / 1_000_000});
      return store
          .openObject(name)
          .orElseThrow(() -> new ImageStoreException(Failure.NOT_FOUND, "no image " + filename));
    } finally {
      workers.release();
    }
  }

  private void acquireWorker() {
    try {
      if (!workers.tryAcquire(WAIT_SECONDS, TimeUnit.SECONDS)) {
        throw new ImageStoreException(
            Failure.UNAVAILABLE, "too many derived images are being made now; try again");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ImageStoreException(Failure.UNAVAILABLE, "interrupted");
    }
  }

  private String nameOf(String filename, int width) {
    return PREFIX + width + "_" + filename + "." + encoder.extension();
  }

  /** With {@code imagestore.thumbnails=eager}, the thumbnail is made with the save. */
  void onSaved(@Observes ImageSaved saved) {
    if (!config.eager()) {
      return;
    }
    try {
      open(saved.image().filename(), config.thumbnailWidth());
    } catch (RuntimeException e) {
      // The image is saved; its thumbnail is made at its first request instead.
      LOG.log(Level.WARNING, "imagestore: no thumbnail of " + saved.image().filename(), e);
    }
  }

  /** Derived images go with their image; one left by a failure here is removed by maintenance. */
  void onDeleted(@Observes ImageDeleted deleted) {
    for (int width : config.widths()) {
      String name = nameOf(deleted.filename(), width);
      try {
        store.deleteObject(name);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "imagestore: could not delete {0} yet: {1}", new Object[] {name, e});
      }
    }
  }

  /** Deletes the derived images whose image is gone or whose width is no longer configured. */
  public int removeOrphans() {
    int removed = 0;
    try (Stream<ObjectStore.Entry> all = store.objects(PREFIX)) {
      for (ObjectStore.Entry entry : (Iterable<ObjectStore.Entry>) all::iterator) {
        if (orphan(entry.name())) {
          store.deleteObject(entry.name());
          removed++;
        }
      }
    }
    return removed;
  }

  private boolean orphan(String name) {
    Matcher parts = NAME.matcher(name);
    if (!parts.matches()) {
      return false; // not ours to judge
    }
    boolean configured = config.widths().contains(Integer.parseInt(parts.group(1)));
    return !configured || !store.exists(parts.group(2));
  }

  /** How many derived images there are and their bytes, for storage-stats. */
  public Usage usage() {
    try (Stream<ObjectStore.Entry> all = store.objects(PREFIX)) {
      long[] totals = new long[2];
      all.forEach(
          entry -> {
            totals[0]++;
            totals[1] += entry.size();
          });
      return new Usage(totals[0], totals[1]);
    }
  }

  /** What {@link #usage} counts. */
  public record Usage(long count, long bytes) {}
}
