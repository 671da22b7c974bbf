package org.imagestore.api;

/** The server cannot take the request now, but can shortly: 503 with {@code Retry-After}. */
public class ServerBusyException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final long retryAfterSeconds;

  public ServerBusyException(String message, long retryAfterSeconds) {
    super(message);
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
