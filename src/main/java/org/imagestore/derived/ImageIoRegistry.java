package org.imagestore.derived;

import javax.imageio.spi.IIORegistry;

/**
 * ImageIO's registry of readers and writers is one for the whole JVM, made at its first use and
 * filled then with the plugins that the current thread's context class loader finds. Made during a
 * request of this WAR, it would take in the WAR's WebP plugin and keep the WAR's class loader, with
 * everything it holds, after every undeploy: the test servers ran out of heap that way. So it is
 * made here, before this WAR touches ImageIO, with the platform class loader, which finds only the
 * JDK's own plugins. A registry that already exists is left as it is.
 */
final class ImageIoRegistry {
  private ImageIoRegistry() {}

  static void initWithoutThisWar() {
    Thread thread = Thread.currentThread();
    ClassLoader context = thread.getContextClassLoader();
    thread.setContextClassLoader(ClassLoader.getPlatformClassLoader());
    try {
      IIORegistry.getDefaultInstance();
    } finally {
      thread.setContextClassLoader(context);
    }
  }
}
