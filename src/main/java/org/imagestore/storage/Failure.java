package org.imagestore.storage;

/** Why the store refused a request; the API layer turns each into its HTTP status. */
public enum Failure {
  INVALID_INPUT,
  UNSUPPORTED_MEDIA,
  TOO_LARGE,
  INSUFFICIENT_STORAGE,
  NOT_FOUND,
  /** Another request (on any server) is saving or deleting the name now: a 409, worth retrying. */
  CONFLICT,
  /** The storage (a bucket, its endpoint) cannot be reached now: a 503, worth retrying. */
  UNAVAILABLE,
  /** A server this one called (the image generator) failed or answered nonsense: a 502. */
  BAD_GATEWAY,
  /** A server this one called (the image generator) did not answer in time: a 504. */
  GATEWAY_TIMEOUT
}
