package org.imagestore.it;

import java.net.URL;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.BeforeEach;

/** A test class with one deployment, managed by Arquillian: every test starts on a ready index. */
public abstract class ImageStoreTestBase extends ChatBackEnd {
  @ArquillianResource private URL deployed;

  @BeforeEach
  void connect() throws InterruptedException {
    connect(deployed, credentials());
    awaitIndex();
  }

  /** What {@link #images} sends as its bearer token: none, unless the class's server wants one. */
  protected String credentials() {
    return null;
  }

  /** The class's deployment. */
  protected URL deployed() {
    return deployed;
  }
}
