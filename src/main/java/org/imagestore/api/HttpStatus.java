package org.imagestore.api;

import org.imagestore.storage.Failure;

/** The contract's status code for each way the store refuses a request. */
public final class HttpStatus {
  private HttpStatus() {}

  public static int of(Failure failure) {
    return switch (failure) {
      case INVALID_INPUT -> 400;
      case NOT_FOUND -> 404;
      case CONFLICT -> 409;
      case TOO_LARGE -> 413;
      case UNSUPPORTED_MEDIA -> 415;
      case INSUFFICIENT_STORAGE -> 507;
      case UNAVAILABLE -> 503;
      case BAD_GATEWAY -> 502;
      case GATEWAY_TIMEOUT -> 504;
    };
  }
}
