package org.imagestore.maintenance;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.imagestore.derived.DerivedImages;
import org.imagestore.index.ImageIndex;
import org.imagestore.index.ReconcileReport;
import org.imagestore.index.Reconciler;
import org.imagestore.storage.Failure;
import org.imagestore.storage.ImageNames;
import org.imagestore.storage.ImageStore;
import org.imagestore.storage.ImageStoreException;
import org.imagestore.storage.Scope;

/**
 * Background work: the first reconciliation after start-up (off the deployment thread, so a large
 * folder never delays deployment), then reconciliation, retention and quota every {@code
 * imagestore.maintenance-interval-seconds}. Servers sharing an index take turns: each job runs
 * under the maintenance lease, renewed while it runs.
 */
@ApplicationScoped
public class Maintenance {
  private static final Logger LOG = Logger.getLogger(Maintenance.class.getName());
  private static final int BATCH = 500;
  private static final long START_UP_RETRY_SECONDS = 10;
  private static final String LEASE = "maintenance";

  /** How long an undeploy waits for a running job (a reconciliation of 100,000 images: 16 s). */
  private static final long STOP_WAIT_SECONDS = 60;

  @Inject ImageStore store;

  @Inject ImageIndex index;

  @Inject Reconciler reconciler;

  @Inject Leases leases;

  @Inject DerivedImages derived;

  /** Threads the server manages, with this application's context, for a pool of its own. */
  @Resource ManagedThreadFactory threads;

  /**
   * The jobs' own pool, ended with the application. Not the server's managed scheduled executor:
   * there a cancelled task stays queued until it was due (an hour for the scheduled run), and with
   * it this deployment's class loader and all it holds, after every undeploy.
   */
  private ScheduledThreadPoolExecutor scheduler;

  private final Set<Leases.Held> held = ConcurrentHashMap.newKeySet();

  /** Set at undeploy: retention and quota end between deletes, and no retry is scheduled. */
  private volatile boolean stopping;

  void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
    // Two threads: a job and the renewal of its lease.
    scheduler = new ScheduledThreadPoolExecutor(2, threads);
    scheduler.setRemoveOnCancelPolicy(true);
    scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    long interval = store.config().maintenanceIntervalSeconds();
    scheduler.submit(this::startUp);
    scheduler.scheduleWithFixedDelay(this::runScheduled, interval, interval, TimeUnit.SECONDS);
  }

  /**
   * Nothing new starts, and a job that runs is waited for while the application it uses is still
   * whole: a job cut off by the undeploy lost its transaction manager mid-transaction, and could
   * leave the lease row locked for minutes for the next deployment.
   */
  void onStop(@Observes @BeforeDestroyed(ApplicationScoped.class) Object event) {
    stopping = true;
    if (scheduler == null) {
      return;
    }
    scheduler.shutdown();
    try {
      if (!scheduler.awaitTermination(STOP_WAIT_SECONDS, TimeUnit.SECONDS)) {
        LOG.log(
            Level.WARNING,
            "imagestore: maintenance still running after {0} s; stopped without it",
            STOP_WAIT_SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    // A job that did not end in time would otherwise hold the lease to its end.
    held.forEach(Leases.Held::close);
  }

  /**
   * Until the first reconciliation succeeds the index is partial and readiness DOWN, so a failed
   * one (storage down at start-up) is retried soon rather than at the next scheduled run.
   */
  private void startUp() {
    long retry = Math.min(START_UP_RETRY_SECONDS, store.config().maintenanceIntervalSeconds());
    try {
      underLease(this::reconcileAndEnforce);
      return;
    } catch (Leases.Taken e) {
      // Another server (or job) runs it; this one's index is complete once that one is done.
      LOG.log(
          Level.INFO,
          "imagestore: start-up reconciliation waits {0} s: {1}",
          new Object[] {retry, e.getMessage()});
    } catch (ImageStoreException e) {
      // The storage is down: expected, and said in one line.
      LOG.log(
          Level.WARNING,
          "imagestore: start-up reconciliation waits {0} s: {1}",
          new Object[] {retry, e.getMessage()});
    } catch (RuntimeException e) {
      LOG.log(
          Level.SEVERE,
          "imagestore: start-up reconciliation failed; trying again in " + retry + " s",
          e);
    }
    if (!stopping) {
      scheduler.schedule(this::startUp, retry, TimeUnit.SECONDS);
    }
  }

  /**
   * POST /api/admin/reindex: a reconciliation now, and orphaned derived images removed, unless
   * maintenance is running anywhere.
   */
  public ReconcileReport reindex() {
    return underLease(
        () -> {
          ReconcileReport report = reconciler.reconcile();
          removeOrphans();
          return report;
        });
  }

  private ReconcileReport reconcileAndEnforce() {
    ReconcileReport report = reconciler.reconcile();
    enforceLimits();
    removeOrphans();
    return report;
  }

  /** Derived images whose image went behind the service's back, or whose width went from config. */
  private void removeOrphans() {
    try {
      int removed = derived.removeOrphans();
      if (removed > 0) {
        LOG.log(Level.INFO, "imagestore: removed {0} orphaned derived images", removed);
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "imagestore: could not remove orphaned derived images", e);
    }
  }

  /**
   * Runs a job under the maintenance lease, renewed every third of its length by a timer (not by
   * the job, which can wait long on a batch of reads), and given up at the end, or at undeploy.
   *
   * @throws Leases.Taken if another server or job holds it
   */
  private <T> T underLease(Supplier<T> job) {
    Duration length = Duration.ofSeconds(store.config().leaseSeconds());
    long every = length.toMillis() / 3;
    try (Leases.Held lease = leases.take(LEASE, length)) {
      held.add(lease);
      ScheduledFuture<?> renewal =
          scheduler.scheduleAtFixedRate(lease::renew, every, every, TimeUnit.MILLISECONDS);
      try {
        return job.get();
      } finally {
        renewal.cancel(false);
        held.remove(lease);
      }
    }
  }

  /**
   * Reconciles (cheap when little changed: a scan of the folder and one query), then applies
   * retention and the quota; logs and carries on if anything fails.
   */
  void runScheduled() {
    try {
      store.removeLeftovers();
      underLease(this::reconcileAndEnforce);
    } catch (ImageStoreException e) {
      // The storage is down (readiness says so) or another server runs it; the next run tries.
      LOG.log(Level.WARNING, "imagestore: scheduled maintenance skipped: {0}", e.getMessage());
    } catch (RuntimeException e) {
      LOG.log(Level.SEVERE, "imagestore: scheduled reconciliation failed", e);
    }
  }

  /** Applies retention, then the quota; logs and carries on if either fails. */
  private void enforceLimits() {
    try {
      long days = store.config().retentionDays();
      if (days > 0) {
        List<String> deleted = deleteCreatedBefore(Instant.now().minus(Duration.ofDays(days)));
        if (!deleted.isEmpty()) {
          LOG.log(Level.INFO, "imagestore: retention deleted {0} images", deleted.size());
        }
      }
      long quota = store.config().maxTotalBytes();
      if (quota > 0) {
        enforceQuota(quota);
      }
    } catch (RuntimeException e) {
      LOG.log(Level.SEVERE, "imagestore: maintenance failed", e);
    }
  }

  /**
   * Deletes every image created before {@code cutoff}, oldest first, a batch at a time; returns
   * their names. A batch in which every image is held by another request ends it: that request (a
   * retention run on another server, say) deletes them.
   */
  public List<String> deleteCreatedBefore(Instant cutoff) {
    List<String> deleted = new ArrayList<>();
    boolean moved = true;
    for (List<ImageIndex.Sized> batch = index.oldest(cutoff, BATCH);
        moved && !batch.isEmpty() && !stopping;
        batch = index.oldest(cutoff, BATCH)) {
      moved = false;
      for (ImageIndex.Sized image : batch) {
        Outcome outcome = deleteIfPresent(image.filename(), Scope.EVERYONE);
        if (outcome == Outcome.DELETED) {
          deleted.add(image.filename());
        }
        moved |= outcome != Outcome.HELD;
      }
    }
    return deleted;
  }

  private void enforceQuota(long quota) {
    long total = index.totals().bytes();
    int deleted = 0;
    while (total > quota && !stopping) {
      List<ImageIndex.Sized> oldest = index.oldest(null, BATCH);
      if (oldest.isEmpty()) {
        break;
      }
      for (ImageIndex.Sized image : oldest) {
        if (total <= quota) {
          break;
        }
        deleteIfPresent(image.filename(), Scope.EVERYONE);
        total -= image.size();
        deleted++;
      }
    }
    if (deleted > 0) {
      LOG.log(Level.INFO, "imagestore: quota deleted {0} oldest images", deleted);
    }
  }

  /** What a delete by names did with each name. */
  public record Deletion(List<String> deleted, List<String> invalid, List<String> notFound) {}

  /**
   * Deletes the named images in the scope; names that are not stored image names are reported, not
   * used, and images outside the scope are reported as not found.
   */
  public Deletion deleteNamed(List<String> filenames, Scope scope) {
    Deletion result = new Deletion(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    for (String name : filenames) {
      if (!ImageNames.isImageName(name)) {
        result.invalid().add(name);
      } else if (deleteIfPresent(name, scope) == Outcome.DELETED) {
        result.deleted().add(name);
      } else {
        result.notFound().add(name);
      }
    }
    return result;
  }

  private enum Outcome {
    DELETED,
    /** It was gone already; its stale row went too. */
    GONE,
    /** Another request holds the name: it is deleting the image, or saving it. */
    HELD
  }

  private Outcome deleteIfPresent(String filename, Scope scope) {
    try {
      store.delete(filename, scope);
      return Outcome.DELETED;
    } catch (ImageStoreException e) {
      if (e.failure() == Failure.CONFLICT) {
        return Outcome.HELD;
      }
      if (e.failure() != Failure.NOT_FOUND) {
        throw e;
      }
      // Outside a caller's scope, "not found" may be another owner's image: its row stays.
      if (scope.everyone()) {
        index.remove(filename);
      }
      return Outcome.GONE;
    }
  }
}
