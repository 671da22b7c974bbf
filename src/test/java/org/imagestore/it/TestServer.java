package org.imagestore.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.function.Predicate;
import java.util.stream.Stream;

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

  /** The server's log file, where the application's errors and the JVM's are written. */
  public static Path log() {
    return switch (name()) {
      case "payara" ->
          Path.of(System.getProperty("payara.home"), "glassfish/domains/domain1/logs/server.log");
      default -> Path.of(System.getProperty("jboss.home"), "standalone/log/server.log");
    };
  }

  /** What the log holds past {@code offset} bytes, for what a test caused. */
  public static String logSince(long offset) {
    Path log = log();
    if (size(log) >= offset) {
      return read(log, offset);
    }
    // The server rotated its log since then (Payara at 2 MB): the rest of the file it was writing,
    // the newest rotated one, and the new log whole.
    try (Stream<Path> siblings = Files.list(log.getParent())) {
      String rotated =
          siblings
              .filter(p -> p.getFileName().toString().startsWith(log.getFileName().toString()))
              .filter(p -> !p.equals(log))
              .max(Comparator.comparing(TestServer::modified))
              .map(p -> read(p, offset))
              .orElse("");
      return rotated + read(log, 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path file, long offset) {
    try {
      byte[] all = Files.readAllBytes(file);
      int from = (int) Math.min(offset, all.length);
      return new String(all, from, all.length - from, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static FileTime modified(Path file) {
    try {
      return Files.getLastModifiedTime(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The log past {@code offset} once {@code done} accepts it, or as it is after 5 s: servers write
   * their log a little late (Payara's handler writes from a queue).
   */
  public static String awaitLog(long offset, Predicate<String> done) {
    String log = logSince(offset);
    try {
      for (int i = 0; i < 50 && !done.test(log); i++) {
        Thread.sleep(100);
        log = logSince(offset);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return log;
  }

  public static long logLength() {
    return size(log());
  }
}
