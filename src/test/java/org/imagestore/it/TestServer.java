package org.imagestore.it;

import java.net.MalformedURLException;
import java.net.URL;

/**
 * What differs between the servers the suite runs on, in one place. The build names the server in
 * the system property {@code imagestore.it.server}: {@code wildfly} (the default) or {@code
 * payara}.
 */
public final class TestServer {
  private static final String HOST = "127.0.0.1";
  private static final int HTTP_PORT = 8080;

  private TestServer() {}

  public static String name() {
    return System.getProperty("imagestore.it.server", "wildfly");
  }

  /** The URL of an application deployed by a test itself, where Arquillian cannot inject one. */
  public static URL deployedAt(String contextRoot) {
    try {
      return new URL("http://" + HOST + ":" + HTTP_PORT + contextRoot + "/");
    } catch (MalformedURLException e) {
      throw new IllegalArgumentException(contextRoot, e);
    }
  }

  /**
   * A MicroProfile Health endpoint ({@code ready} or {@code live}): WildFly serves them on its
   * management port, Payara on the HTTP listener.
   */
  public static String health(String kind) {
    return switch (name()) {
      case "payara" -> "http://" + HOST + ":" + HTTP_PORT + "/health/" + kind;
      default -> "http://" + HOST + ":9990/health/" + kind;
    };
  }
}
