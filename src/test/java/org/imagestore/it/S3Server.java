package org.imagestore.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A real S3 server for the {@code s3} run: s3proxy on its filesystem provider, in a child process
 * on a free loopback port, with SigV4 and fixed test credentials. Tests stop and start it again on
 * the same port and data to see the service ride out an outage.
 */
public final class S3Server {
  public static final String IDENTITY = "imagestore-it";
  public static final String CREDENTIAL = "imagestore-it-secret";

  /** s3proxy's debug line for each request it receives. */
  private static final Pattern REQUEST = Pattern.compile("request: Request\\((\\S+ \\S+)\\)");

  private final Path jar;
  private final Path home;
  private final int port;
  private Process process;

  S3Server(Path jar, Path home) {
    this.jar = jar;
    this.home = home;
    this.port = freePort();
  }

  public String endpoint() {
    return "http://127.0.0.1:" + port;
  }

  /** Removes every bucket a run before left. */
  void clear() {
    Path data = home.resolve("data");
    if (Files.exists(data)) {
      try (var paths = Files.walk(data)) {
        paths
            .sorted(java.util.Comparator.reverseOrder())
            .map(Path::toFile)
            .forEach(java.io.File::delete);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** Starts s3proxy and waits until it accepts connections. */
  public synchronized void start() {
    try {
      Files.createDirectories(home.resolve("data"));
      Path properties = home.resolve("s3proxy.properties");
      Files.write(
          properties,
          List.of(
              "s3proxy.endpoint=" + endpoint(),
              "s3proxy.authorization=aws-v4",
              "s3proxy.identity=" + IDENTITY,
              "s3proxy.credential=" + CREDENTIAL,
              "jclouds.provider=filesystem",
              "jclouds.filesystem.basedir=" + home.resolve("data")));
      ProcessBuilder builder =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-Xmx256m",
                  "-jar",
                  jar.toString(),
                  "--properties",
                  properties.toString())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()));
      // At debug, s3proxy logs each request's method and URL: tests read what was fetched.
      builder.environment().put("LOG_LEVEL", "debug");
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (!accepts()) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "s3proxy did not start; see " + home.resolve("s3proxy.log"));
      }
      sleep(50);
    }
  }

  private Path log() {
    return home.resolve("s3proxy.log");
  }

  /** How long the log is now, to read what came after. */
  public long logLength() {
    try {
      return Files.exists(log()) ? Files.size(log()) : 0;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The requests s3proxy received since the log was {@code offset} long, as "METHOD url". */
  public List<String> requestsSince(long offset) {
    try (var in = Files.newInputStream(log())) {
      in.skipNBytes(offset);
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return REQUEST.matcher(text).results().map(m -> m.group(1)).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Stops s3proxy and waits until its port is closed. */
  public synchronized void stop() {
    if (process == null) {
      return;
    }
    process.destroy();
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    process = null;
  }

  private boolean accepts() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
