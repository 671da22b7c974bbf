package org.imagestore.storage;

/** A request the store refuses; the message is safe to show to the caller. */
public class ImageStoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final Failure failure;

  public ImageStoreException(Failure failure, String message) {
    super(message);
    this.failure = failure;
  }

  public Failure failure() {
    return failure;
  }
}
