package org.imagestore.generate;

import java.io.InterruptedIOException;
import org.imagestore.api.LimitedInputStream;
import org.imagestore.storage.Failure;
import org.imagestore.storage.ImageStoreException;

/** The refusals of a call that the generator spoiled: 502 when it failed, 504 when it was slow. */
final class GeneratorFailure {
  private GeneratorFailure() {}

  /** The generator answered, but not as A1111 does. */
  static ImageStoreException badAnswer(String what) {
    return new ImageStoreException(Failure.BAD_GATEWAY, "the generator's answer " + what);
  }

  /**
   * The call failed on the way: a timeout (connect or read; both are {@link
   * InterruptedIOException}s, also under RESTEasy's Apache engine) is a 504, anything else
   * (refused, unknown host, reset) a 502.
   */
  static ImageStoreException of(Throwable e, String doing, long readTimeoutMillis) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof InterruptedIOException) {
        return new ImageStoreException(
            Failure.GATEWAY_TIMEOUT,
            "the generator did not answer in time ("
                + readTimeoutMillis
                + " ms, imagestore.sd-timeout-millis) while "
                + doing);
      }
      if (cause instanceof LimitedInputStream.LimitExceeded tooLong) {
        return badAnswer("is " + tooLong.getMessage() + ", more than the images asked for take");
      }
    }
    return new ImageStoreException(
        Failure.BAD_GATEWAY, "the generator could not be reached while " + doing + ": " + root(e));
  }

  /** The innermost cause, named without its stack: "ConnectException: Connection refused". */
  private static String root(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    return root.getClass().getSimpleName()
        + (message == null ? "" : ": " + message.substring(0, Math.min(200, message.length())));
  }
}
