package org.imagestore.client;

import java.time.Duration;
import java.util.Optional;

/**
 * An error answer of imagestore: the HTTP status and the {@code error} of the contract's body
 * {@code {"success": false, "error": "..."}}. 400 bad input, 404 unknown image, 409 the image is
 * busy, 413 too large, 415 not a PNG, 503 busy or unavailable (see {@link #retryAfter()}), 507
 * storage full.
 */
public class ImageStoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String error;
  private final Duration retryAfter;

  public ImageStoreException(int status, String error, Duration retryAfter) {
    super(status + ": " + (error != null ? error : "the answer is not imagestore's error body"));
    this.status = status;
    this.error = error;
    this.retryAfter = retryAfter;
  }

  public int status() {
    return status;
  }

  /**
   * The server's message, what was wrong with the request; null when the answer did not come from
   * imagestore (say, a front server's error page).
   */
  public String error() {
    return error;
  }

  /** For a 503, how long the server asked callers to wait before trying again. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
