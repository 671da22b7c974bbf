package org.imagestore.api;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A request the server has no room for now: 503, and when to try again. */
@Provider
public class ServerBusyExceptionMapper implements ExceptionMapper<ServerBusyException> {
  @Override
  public Response toResponse(ServerBusyException e) {
    return ErrorBody.response(503, e.getMessage())
        .header(HttpHeaders.RETRY_AFTER, e.retryAfterSeconds())
        .build();
  }
}
