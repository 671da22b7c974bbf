package org.imagestore.index;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.imagestore.storage.FileState;
import org.imagestore.storage.ImageListing;
import org.imagestore.storage.ImageStore;
import org.imagestore.storage.StoredImage;

/**
 * Makes the index match the storage: images without rows are added, rows without images removed,
 * entries whose image or sidecar changed re-read. The storage is listed a page at a time and only
 * what changed is read, so memory holds the index's states and one batch, and a restart with a
 * surviving index costs a listing and one query.
 */
@ApplicationScoped
public class Reconciler {
  private static final Logger LOG = Logger.getLogger(Reconciler.class.getName());
  private static final int BATCH = 500;
  private static final int PROGRESS_EVERY = 10_000;

  /** A save holds its name's claim for a few seconds at most; older claims are left by crashes. */
  private static final Duration STALE_CLAIM = Duration.ofHours(1);

  @Inject ImageStore store;

  @Inject ImageIndex index;

  /**
   * Runs the reads. Not a pool of our own from a ManagedThreadFactory: on Payara, creating its
   * threads from a scheduled task corrupts that task's invocation context (the EntityManager is
   * closed under it). The bench shows no loss: a bucket's reconciliation is CPU-bound here.
   */
  @Resource ManagedExecutorService readers;

  private final ReentrantLock running = new ReentrantLock();
  private volatile boolean firstDone;
  private volatile ReconcileReport last;

  /** Whether a reconciliation has completed since start-up: until then the index is partial. */
  public boolean ready() {
    return firstDone;
  }

  public ReconcileReport last() {
    return last;
  }

  /** Runs a reconciliation, or waits for the one under way and runs another after it. */
  public ReconcileReport reconcile() {
    running.lock();
    try {
      ReconcileReport report = new Run().run();
      last = report;
      firstDone = true;
      return report;
    } finally {
      running.unlock();
    }
  }

  /** A batch of new or changed images being read, and which of them the index already has. */
  private record Batch(
      List<ImageListing.Listed> images, Set<String> known, List<Future<List<StoredImage>>> reads) {}

  /**
   * One reconciliation's state: what the index holds and has not been listed yet, the batch being
   * collected, the batch being read, and counts. Listing goes on while a batch is read, so a
   * bucket's listing round trips overlap its reads.
   */
  private final class Run {
    private final long start = System.nanoTime();
    private final ImageListing listing = store.listing();
    private final Map<String, FileState> unlisted;
    private List<ImageListing.Listed> changed = new ArrayList<>();
    private Set<String> known = new HashSet<>();
    private Batch reading;
    private long listed;
    private long added;
    private long updated;

    Run() {
      // The index is read before the storage is listed: a save in between is then only ever
      // re-added, never removed as "gone".
      unlisted = index.states();
    }

    ReconcileReport run() {
      LOG.log(
          Level.INFO,
          "imagestore: reconciling {0} with {1} images in the index",
          new Object[] {store.location(), unlisted.size()});
      listing.forEach(this::compare);
      startReading();
      finishReading();
      List<String> gone = new ArrayList<>(unlisted.keySet());
      for (int i = 0; i < gone.size(); i += BATCH) {
        index.removeAll(gone.subList(i, Math.min(gone.size(), i + BATCH)));
      }
      index.releaseClaimsBefore(Instant.now().minus(STALE_CLAIM));
      index.recount();
      ReconcileReport report =
          new ReconcileReport(
              added,
              updated,
              gone.size(),
              listed - added - updated,
              (System.nanoTime() - start) / 1_000_000);
      LOG.log(Level.INFO, "imagestore: reconciliation done: {0}", report);
      return report;
    }

    private void compare(ImageListing.Listed image) {
      FileState indexed = unlisted.remove(image.name());
      if (!image.state().equals(indexed)) {
        changed.add(image);
        if (indexed != null) {
          known.add(image.name());
        }
        if (changed.size() == BATCH) {
          startReading();
        }
      }
      if (++listed % PROGRESS_EVERY == 0) {
        LOG.log(
            Level.INFO,
            "imagestore: listed {0} images, {1} of them new or changed",
            new Object[] {listed, added + updated + changed.size()});
      }
    }

    /** Starts reading the collected batch, then writes the one read before it. */
    private void startReading() {
      Batch next = null;
      if (!changed.isEmpty()) {
        next = new Batch(changed, known, read(changed));
        changed = new ArrayList<>();
        known = new HashSet<>();
      }
      finishReading();
      reading = next;
    }

    private void finishReading() {
      if (reading == null) {
        return;
      }
      Map<String, FileState> states = new HashMap<>();
      reading.images().forEach(image -> states.put(image.name(), image.state()));
      Map<StoredImage, FileState> batch = new LinkedHashMap<>();
      Set<String> replaced = new HashSet<>();
      for (StoredImage image : results(reading.reads())) {
        batch.put(image, states.get(image.filename()));
        if (reading.known().contains(image.filename())) {
          replaced.add(image.filename());
        }
      }
      write(batch, replaced);
      added += batch.size() - replaced.size();
      updated += replaced.size();
      reading = null;
    }
  }

  /**
   * Starts reading a batch's sidecars and headers on the container's executor: the reads, not the
   * database, are most of a first reconciliation, and on a bucket each is a round trip.
   */
  private List<Future<List<StoredImage>>> read(List<ImageListing.Listed> images) {
    ImageListing listing = store.listing();
    int parts = Math.max(1, Math.min(store.readParallelism(), images.size()));
    int size = (images.size() + parts - 1) / parts;
    List<Future<List<StoredImage>>> reads = new ArrayList<>();
    for (int from = 0; from < images.size(); from += size) {
      List<ImageListing.Listed> part = images.subList(from, Math.min(images.size(), from + size));
      reads.add(readers.submit(() -> readAll(listing, part)));
    }
    return reads;
  }

  /** The images read, in order; vanished ones are left out. */
  private static List<StoredImage> results(List<Future<List<StoredImage>>> reads) {
    List<StoredImage> result = new ArrayList<>();
    try {
      for (Future<List<StoredImage>> read : reads) {
        result.addAll(read.get());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("reconciliation interrupted", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r
          ? r
          : new IllegalStateException("reading the storage failed", e.getCause());
    }
    return result;
  }

  private static List<StoredImage> readAll(ImageListing listing, List<ImageListing.Listed> part) {
    List<StoredImage> images = new ArrayList<>(part.size());
    for (ImageListing.Listed image : part) {
      listing.read(image).ifPresent(images::add);
    }
    return images;
  }

  /**
   * Inserts new rows in one batch; if a save indexed one of them meanwhile, the insert fails, and
   * the batch is written again replacing rows instead.
   */
  private void write(Map<StoredImage, FileState> batch, Set<String> known) {
    try {
      index.putAll(batch, known);
    } catch (Exception conflict) { // a failed commit may come as a checked exception
      LOG.log(Level.FINE, "imagestore: batch insert conflicted, replacing rows instead", conflict);
      Set<String> all = new HashSet<>();
      batch.keySet().forEach(image -> all.add(image.filename()));
      index.putAll(batch, all);
    }
  }
}
