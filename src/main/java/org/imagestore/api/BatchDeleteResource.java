package org.imagestore.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.imagestore.maintenance.Maintenance;
import org.imagestore.storage.Failure;
import org.imagestore.storage.ImageNames;
import org.imagestore.storage.ImageStore;
import org.imagestore.storage.ImageStoreException;

/** POST /api/delete-images: many images in one call, by name or by age. */
@Path("delete-images")
@Produces(MediaType.APPLICATION_JSON)
public class BatchDeleteResource {
  @Inject ImageStore store;

  @Inject Maintenance maintenance;

  @POST
  public BatchDeleted deleteImages(InputStream body) {
    BatchDelete request = BatchDelete.read(body, store.config().zone());
    if (request.createdBefore() != null) {
      List<String> deleted = maintenance.deleteCreatedBefore(request.createdBefore());
      return new BatchDeleted(true, deleted.size(), deleted, List.of(), List.of());
    }
    List<String> deleted = new ArrayList<>();
    List<String> invalid = new ArrayList<>();
    List<String> notFound = new ArrayList<>();
    for (String name : request.filenames()) {
      if (!ImageNames.isImageName(name)) {
        invalid.add(name);
        continue;
      }
      try {
        store.delete(name);
        deleted.add(name);
      } catch (ImageStoreException e) {
        if (e.failure() != Failure.NOT_FOUND) {
          throw e;
        }
        notFound.add(name);
      }
    }
    return new BatchDeleted(true, deleted.size(), deleted, invalid, notFound);
  }
}
