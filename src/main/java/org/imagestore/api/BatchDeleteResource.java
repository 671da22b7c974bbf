package org.imagestore.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;
import java.util.List;
import org.imagestore.audit.Audited;
import org.imagestore.maintenance.Maintenance;
import org.imagestore.storage.ImageStore;

/** POST /api/delete-images: many images in one call, by name or by age. */
@Path("delete-images")
@Produces(MediaType.APPLICATION_JSON)
public class BatchDeleteResource {
  @Inject ImageStore store;

  @Inject Maintenance maintenance;

  @POST
  @Audited("delete-images")
  public BatchDeleted deleteImages(InputStream body) {
    BatchDelete request = BatchDelete.read(body, store.config().zone());
    if (request.createdBefore() != null) {
      List<String> deleted = maintenance.deleteCreatedBefore(request.createdBefore());
      return new BatchDeleted(true, deleted.size(), deleted, List.of(), List.of());
    }
    Maintenance.Deletion result = maintenance.deleteNamed(request.filenames());
    return new BatchDeleted(
        true, result.deleted().size(), result.deleted(), result.invalid(), result.notFound());
  }
}
