package org.imagestore.index;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.imagestore.storage.FileState;
import org.imagestore.storage.ImageFolder;
import org.imagestore.storage.ImageStore;
import org.imagestore.storage.StoredImage;

/**
 * Makes the index match the folder: images without rows are added, rows without images removed,
 * entries whose image or sidecar changed re-read. Only what changed is read, so a restart with a
 * surviving index costs a scan of the folder and one query.
 */
@ApplicationScoped
public class Reconciler {
  private static final Logger LOG = Logger.getLogger(Reconciler.class.getName());
  private static final int BATCH = 500;
  private static final int PROGRESS_EVERY = 10_000;

  @Inject ImageStore store;

  @Inject ImageIndex index;

  @Resource ManagedExecutorService executor;

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
      ReconcileReport report = run();
      last = report;
      firstDone = true;
      return report;
    } finally {
      running.unlock();
    }
  }

  /**
   * Reads a batch's sidecars and headers on two threads, half on a container-managed one: the
   * reads, not the database, are most of a first reconciliation. Vanished images are left out.
   */
  private List<StoredImage> read(ImageFolder folder, List<String> names) {
    int half = names.size() / 2;
    Future<List<StoredImage>> first =
        executor.submit(() -> readAll(folder, names.subList(0, half)));
    List<StoredImage> images = new ArrayList<>(readAll(folder, names.subList(half, names.size())));
    try {
      images.addAll(0, first.get());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("reconciliation interrupted", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("reading the folder failed", e.getCause());
    }
    return images;
  }

  private static List<StoredImage> readAll(ImageFolder folder, List<String> names) {
    List<StoredImage> images = new ArrayList<>(names.size());
    for (String name : names) {
      folder.read(name).ifPresent(images::add);
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
    } catch (RuntimeException conflict) {
      LOG.log(Level.FINE, "imagestore: batch insert conflicted, replacing rows instead", conflict);
      Set<String> all = new HashSet<>();
      batch.keySet().forEach(image -> all.add(image.filename()));
      index.putAll(batch, all);
    }
  }

  private ReconcileReport run() {
    long start = System.nanoTime();
    // The index is read before the folder: a save in between is then only ever re-added,
    // never removed as "gone".
    Map<String, FileState> indexed = index.states();
    ImageFolder folder = store.folder();
    Map<String, FileState> onDisk = folder.snapshot();
    LOG.log(
        Level.INFO,
        "imagestore: reconciling {0} images on disk with {1} in the index",
        new Object[] {onDisk.size(), indexed.size()});

    List<String> gone = new ArrayList<>();
    for (String name : indexed.keySet()) {
      if (!onDisk.containsKey(name)) {
        gone.add(name);
      }
    }
    for (int i = 0; i < gone.size(); i += BATCH) {
      index.removeAll(gone.subList(i, Math.min(gone.size(), i + BATCH)));
    }

    List<String> changed = new ArrayList<>();
    onDisk.forEach(
        (name, state) -> {
          if (!Objects.equals(indexed.get(name), state)) {
            changed.add(name);
          }
        });
    long added = 0;
    long updated = 0;
    for (int i = 0; i < changed.size(); i += BATCH) {
      Map<StoredImage, FileState> batch = new LinkedHashMap<>();
      Set<String> known = new HashSet<>();
      for (StoredImage image :
          read(folder, changed.subList(i, Math.min(changed.size(), i + BATCH)))) {
        batch.put(image, onDisk.get(image.filename()));
        if (indexed.containsKey(image.filename())) {
          known.add(image.filename());
        }
      }
      write(batch, known);
      added += batch.size() - known.size();
      updated += known.size();
      if ((i + BATCH) / PROGRESS_EVERY > i / PROGRESS_EVERY) {
        LOG.log(Level.INFO, "imagestore: indexed {0} images", added + updated);
      }
    }

    ReconcileReport report =
        new ReconcileReport(
            added,
            updated,
            gone.size(),
            onDisk.size() - added - updated,
            (System.nanoTime() - start) / 1_000_000);
    LOG.log(Level.INFO, "imagestore: reconciliation done: {0}", report);
    return report;
  }
}
