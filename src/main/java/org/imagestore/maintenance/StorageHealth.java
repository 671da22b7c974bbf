package org.imagestore.maintenance;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.imagestore.index.Reconciler;
import org.imagestore.storage.ImageStore;
import org.imagestore.storage.Volume;

/**
 * Readiness: DOWN while the storage cannot take writes (a folder that cannot be written, a bucket
 * that cannot be reached), free space is under {@code imagestore.min-free-bytes}, or the first
 * reconciliation is still building the index; {@code reason} says which.
 */
@Readiness
@ApplicationScoped
public class StorageHealth implements HealthCheck {
  @Inject ImageStore store;

  @Inject Reconciler reconciler;

  @Override
  public HealthCheckResponse call() {
    Optional<String> problem = store.problem();
    boolean indexed = reconciler.ready();
    HealthCheckResponseBuilder health =
        HealthCheckResponse.named("imagestore-storage")
            .status(problem.isEmpty() && indexed)
            .withData("storage", store.config().storage())
            .withData("location", store.location())
            .withData("writable", problem.isEmpty())
            .withData("indexed", indexed);
    problem
        .or(() -> indexed ? Optional.empty() : Optional.of("the first reconciliation is running"))
        .ifPresent(reason -> health.withData("reason", reason));
    Optional<Volume> volume = store.volume();
    volume.ifPresent(
        v ->
            health
                .withData("usable_bytes", v.usableBytes())
                .withData("min_free_bytes", store.config().minFreeBytes()));
    return health.build();
  }
}
