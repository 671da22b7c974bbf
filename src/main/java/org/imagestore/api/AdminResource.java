package org.imagestore.api;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import org.imagestore.access.Caller;
import org.imagestore.index.ReconcileReport;
import org.imagestore.maintenance.Maintenance;

/**
 * POST /api/admin/reindex: make the index match the storage now, and report what changed; 503 while
 * another server sharing the index runs maintenance. Admins only.
 */
@Path("admin")
@Produces(MediaType.APPLICATION_JSON)
public class AdminResource {
  @Inject Maintenance maintenance;

  @Context HttpServletRequest http;

  @POST
  @Path("reindex")
  public ReconcileReport reindex() {
    Caller.of(http).requireAdmin("reindexing");
    return maintenance.reindex();
  }
}
