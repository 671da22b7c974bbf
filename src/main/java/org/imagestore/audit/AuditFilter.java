package org.imagestore.audit;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import java.util.Collections;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.imagestore.access.Caller;
import org.imagestore.api.BatchDeleted;
import org.imagestore.api.Deleted;
import org.imagestore.api.Generated;
import org.imagestore.api.SavedImage;

/**
 * Logs every answer of the resource methods marked {@link Audited} (the saves and deletes), refused
 * ones too, as {@link AuditLine}s: one per image a batch delete removed. It runs after the
 * exception mappers, so it sees the status the client got.
 */
@Provider
public class AuditFilter implements ContainerResponseFilter {
  private static final Logger LOG = Logger.getLogger(AuditFilter.class.getPackageName());

  @Context HttpServletRequest http;

  @Context ResourceInfo resource;

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    // No resource method for an unknown path; a matched one is known even when it threw.
    Method method = resource.getResourceMethod();
    Audited audited = method == null ? null : method.getAnnotation(Audited.class);
    if (audited == null) {
      return;
    }
    String owner = Caller.find(http).map(Caller::owner).orElse(null);
    String client = http.getRemoteAddr();
    String forwardedFor = request.getHeaderString("X-Forwarded-For");
    String named = request.getUriInfo().getPathParameters().getFirst("filename");
    for (String name : names(response.getEntity(), named)) {
      AuditLine line =
          new AuditLine(audited.value(), response.getStatus(), name, owner, client, forwardedFor);
      LOG.log(Level.INFO, AuditLine.MARKER + " {0}", line.toJson());
    }
  }

  /** The images an answer is about; a line with no name when there are none. */
  private static List<String> names(Object entity, String named) {
    if (entity instanceof SavedImage saved) {
      return List.of(saved.filename());
    }
    if (entity instanceof Deleted deleted) {
      return List.of(deleted.filename());
    }
    if (entity instanceof BatchDeleted batch && !batch.filenames().isEmpty()) {
      return batch.filenames();
    }
    if (entity instanceof Generated generated && !generated.images().isEmpty()) {
      return generated.images().stream().map(SavedImage::filename).toList();
    }
    return Collections.singletonList(named);
  }
}
