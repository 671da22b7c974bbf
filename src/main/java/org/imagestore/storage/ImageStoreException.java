package org.imagestore.storage;

/** A request the store refuses; the message is safe to show to the caller. */
public class ImageStoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final Failure failure;

  public ImageStoreException(Failure failure, String message) {
    super(message);
    this.failure = failure;
  }

  /** The refusal of malformed input, the commonest kind: a 400. */
  public static ImageStoreException invalidInput(String message) {
    return new ImageStoreException(Failure.INVALID_INPUT, message);
  }

  public Failure failure() {
    return failure;
  }
}
