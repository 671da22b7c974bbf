package org.imagestore.api;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.imagestore.access.AccessDenied;

/** A request refused for who makes it: 401 with its Bearer challenge, or 403. */
@Provider
public class AccessDeniedMapper implements ExceptionMapper<AccessDenied> {
  @Override
  public Response toResponse(AccessDenied e) {
    Response.ResponseBuilder error = ErrorBody.response(e.status(), e.getMessage());
    if (e.challenge() != null) {
      error.header(HttpHeaders.WWW_AUTHENTICATE, e.challenge());
    }
    return error.build();
  }
}
