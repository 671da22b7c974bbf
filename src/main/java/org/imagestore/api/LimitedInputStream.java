package org.imagestore.api;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.imagestore.storage.Failure;
import org.imagestore.storage.ImageStoreException;

/**
 * Stops reading a body that is larger than any valid one: a request's, or the generator's answer.
 */
public final class LimitedInputStream extends FilterInputStream {
  /** The body went past the limit. */
  public static final class LimitExceeded extends IOException {
    private static final long serialVersionUID = 1L;

    LimitExceeded(long limit) {
      super("over " + limit + " bytes");
    }

    /** The answer to a request this long: 413. */
    ImageStoreException refusal() {
      return new ImageStoreException(Failure.TOO_LARGE, "the request body is " + getMessage());
    }
  }

  private final long limit;
  private long read;

  public LimitedInputStream(InputStream in, long limit) {
    super(in);
    this.limit = limit;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    count(b < 0 ? 0 : 1);
    return b;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = super.read(b, off, len);
    count(Math.max(n, 0));
    return n;
  }

  private void count(int n) throws LimitExceeded {
    read += n;
    if (read > limit) {
      throw new LimitExceeded(limit);
    }
  }
}
