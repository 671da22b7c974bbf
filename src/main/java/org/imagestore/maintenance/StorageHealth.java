package org.imagestore.maintenance;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.imagestore.index.Reconciler;
import org.imagestore.storage.ImageStore;
import org.imagestore.storage.Volume;

/**
 * Readiness: DOWN while the folder cannot be written, free space is under {@code
 * imagestore.min-free-bytes}, or the first reconciliation is still building the index.
 */
@Readiness
@ApplicationScoped
public class StorageHealth implements HealthCheck {
  @Inject ImageStore store;

  @Inject Reconciler reconciler;

  @Override
  public HealthCheckResponse call() {
    boolean writable = store.writable();
    Volume volume = store.volume();
    boolean space = volume.usableBytes() >= store.config().minFreeBytes();
    boolean indexed = reconciler.ready();
    return HealthCheckResponse.named("imagestore-storage")
        .status(writable && space && indexed)
        .withData("dir", store.config().dir().toString())
        .withData("writable", writable)
        .withData("usable_bytes", volume.usableBytes())
        .withData("min_free_bytes", store.config().minFreeBytes())
        .withData("indexed", indexed)
        .build();
  }
}
