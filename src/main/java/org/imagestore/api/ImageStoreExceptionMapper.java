package org.imagestore.api;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.imagestore.storage.ImageStoreException;

/** A request the store refused: its status from the contract, its message for the caller. */
@Provider
public class ImageStoreExceptionMapper implements ExceptionMapper<ImageStoreException> {
  @Override
  public Response toResponse(ImageStoreException e) {
    return ErrorBody.response(HttpStatus.of(e.failure()), e.getMessage()).build();
  }
}
