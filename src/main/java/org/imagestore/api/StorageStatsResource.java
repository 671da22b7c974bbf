package org.imagestore.api;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.Optional;
import org.imagestore.access.Caller;
import org.imagestore.derived.DerivedImages;
import org.imagestore.index.ImageIndex;
import org.imagestore.index.Reconciler;
import org.imagestore.storage.ImageStore;
import org.imagestore.storage.Volume;

/** GET /api/storage-stats: what is stored and how much room is left; admins only. */
@Path("storage-stats")
@Produces(MediaType.APPLICATION_JSON)
public class StorageStatsResource {
  @Inject ImageStore store;

  @Inject ImageIndex index;

  @Inject Reconciler reconciler;

  @Inject DerivedImages derived;

  @Context HttpServletRequest http;

  @GET
  public StorageStats stats() {
    // Totals of every owner's images, and the disk: the admins'.
    Caller.of(http).requireAdmin("storage-stats");
    ImageIndex.Totals totals = index.totals();
    Optional<Volume> volume = store.volume();
    DerivedImages.Usage usage = derived.usage();
    return new StorageStats(
        totals.count(),
        totals.bytes(),
        volume.map(Volume::totalBytes).orElse(null),
        volume.map(Volume::freeBytes).orElse(null),
        volume.map(Volume::usableBytes).orElse(null),
        totals.oldest(),
        totals.newest(),
        usage.count(),
        usage.bytes(),
        index.recompressionSavedBytes(),
        reconciler.ready(),
        reconciler.last());
  }
}
