package org.imagestore.api;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;
import java.util.List;
import org.imagestore.access.Caller;
import org.imagestore.audit.Audited;
import org.imagestore.maintenance.Maintenance;
import org.imagestore.storage.ImageStore;

/**
 * POST /api/delete-images: many images in one call, by name (in the caller's scope) or by age
 * (admins only).
 */
@Path("delete-images")
@Produces(MediaType.APPLICATION_JSON)
public class BatchDeleteResource {
  @Inject ImageStore store;

  @Inject Maintenance maintenance;

  @Context HttpServletRequest http;

  @POST
  @Audited("delete-images")
  public BatchDeleted deleteImages(InputStream body) {
    BatchDelete request = BatchDelete.read(body, store.config().zone());
    Caller caller = Caller.of(http);
    if (request.createdBefore() != null) {
      // By age, the batch is every owner's images: retention is the admins'.
      caller.requireAdmin("deleting by age (older_than_days, before)");
      List<String> deleted = maintenance.deleteCreatedBefore(request.createdBefore());
      return new BatchDeleted(true, deleted.size(), deleted, List.of(), List.of());
    }
    Maintenance.Deletion result = maintenance.deleteNamed(request.filenames(), caller.scope());
    return new BatchDeleted(
        true, result.deleted().size(), result.deleted(), result.invalid(), result.notFound());
  }
}
