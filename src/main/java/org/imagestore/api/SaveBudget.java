package org.imagestore.api;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Bounds the heap that saves in flight hold at once ({@code imagestore.max-inflight-bytes}, by
 * default a quarter of the maximum heap). A save reserves what its body will cost before reading
 * it; when the budget is spent it waits up to {@code imagestore.inflight-wait-millis}, then gets
 * 503, so a burst of large saves slows down instead of running the server out of memory.
 */
@ApplicationScoped
public class SaveBudget {
  /** Permits are KiB, so that budgets beyond 2 GiB fit a semaphore's int. */
  private static final long UNIT = 1024;

  @Inject
  @ConfigProperty(name = "imagestore.max-inflight-bytes")
  Optional<Long> maxInflightBytes;

  @Inject
  @ConfigProperty(name = "imagestore.inflight-wait-millis", defaultValue = "5000")
  long waitMillis;

  private int units;
  private Semaphore free;

  /** Created with the application, so that a bad value fails the deployment, not each save. */
  void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
    // Observing the event is what creates the bean; nothing else to do.
  }

  @PostConstruct
  void init() {
    long bytes = maxInflightBytes.orElse(Runtime.getRuntime().maxMemory() / 4);
    if (bytes <= 0) {
      throw new IllegalStateException(
          "imagestore.max-inflight-bytes must be positive, is " + bytes);
    }
    if (waitMillis < 0) {
      throw new IllegalStateException(
          "imagestore.inflight-wait-millis must not be negative, is " + waitMillis);
    }
    units = (int) Math.min(Integer.MAX_VALUE, (bytes + UNIT - 1) / UNIT);
    // Fair, so that a large save is not passed over forever by a stream of small ones.
    free = new Semaphore(units, true);
  }

  /** A share of the budget, given back on close. */
  public interface Reservation extends AutoCloseable {
    @Override
    void close();
  }

  /**
   * Reserves {@code bytes} (the whole budget at most, so that any one save can run alone).
   *
   * @throws ServerBusyException if the budget stays spent for the whole wait
   */
  public Reservation reserve(long bytes) {
    int wanted = (int) Math.min(units, Math.max(1, (bytes + UNIT - 1) / UNIT));
    try {
      if (!free.tryAcquire(wanted, waitMillis, TimeUnit.MILLISECONDS)) {
        throw new ServerBusyException(
            "the server is saving other large images; try again shortly", retryAfterSeconds());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ServerBusyException("the save was interrupted", retryAfterSeconds());
    }
    return () -> free.release(wanted);
  }

  private long retryAfterSeconds() {
    return Math.max(1, (waitMillis + 999) / 1000);
  }
}
