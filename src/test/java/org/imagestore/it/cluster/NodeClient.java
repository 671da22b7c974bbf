package org.imagestore.it.cluster;

import java.net.MalformedURLException;
import java.net.URI;
import org.imagestore.client.ImageStoreClient;
import org.imagestore.it.ChatBackEnd;
import org.junit.jupiter.api.function.Executable;

/** The API of one server of the several, as a chat back end behind the load balancer calls it. */
final class NodeClient extends ChatBackEnd {
  NodeClient(URI base) {
    try {
      connect(base.toURL());
    } catch (MalformedURLException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** The shipped client for this server. */
  ImageStoreClient images() {
    return images;
  }

  @Override
  public byte[] bytesOf(String filename) {
    return super.bytesOf(filename);
  }

  /** {@link ChatBackEnd#assertRefused}, for the tests of this package, which are no subclasses. */
  protected static String assertRefused(int status, Executable call) {
    return ChatBackEnd.assertRefused(status, call);
  }

  void awaitReady() throws InterruptedException {
    awaitIndex();
  }
}
