package org.imagestore.api;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** What JAX-RS itself refuses (unknown path, wrong method): same status, the contract's body. */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {
  @Override
  public Response toResponse(WebApplicationException e) {
    Response original = e.getResponse();
    Response.ResponseBuilder error =
        ErrorBody.response(original.getStatus(), original.getStatusInfo().getReasonPhrase());
    String allow = original.getHeaderString(HttpHeaders.ALLOW);
    if (allow != null) {
      error.header(HttpHeaders.ALLOW, allow);
    }
    return error.build();
  }
}
