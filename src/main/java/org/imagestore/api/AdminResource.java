package org.imagestore.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.imagestore.index.ReconcileReport;
import org.imagestore.index.Reconciler;

/** POST /api/admin/reindex: make the index match the folder now, and report what changed. */
@Path("admin")
@Produces(MediaType.APPLICATION_JSON)
public class AdminResource {
  @Inject Reconciler reconciler;

  @POST
  @Path("reindex")
  public ReconcileReport reindex() {
    return reconciler.reconcile();
  }
}
