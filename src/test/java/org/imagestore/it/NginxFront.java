package org.imagestore.it;

import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's nginx running a shipped config, {@code server-config/nginx/imagestore.conf} (the
 * X-Accel-Redirect front) or {@code imagestore-cache.conf} (the caching front), with only its lines
 * marked ADAPT changed: the test server's port, a free port of its own, the test's storage folder
 * or a cache folder of its own and the cache's validity.
 */
public final class NginxFront {
  private final Path shipped;
  private final Path home;
  private final int validitySeconds;
  private final int port;
  private Process process;

  /** The X-Accel-Redirect front. */
  public NginxFront() {
    this("imagestore.conf", "nginx-front", 0);
  }

  /** The caching front, image answers fresh for {@code validitySeconds}. */
  public static NginxFront caching(int validitySeconds) {
    return new NginxFront("imagestore-cache.conf", "nginx-cache", validitySeconds);
  }

  private NginxFront(String config, String home, int validitySeconds) {
    this.shipped = Path.of("server-config", "nginx", config);
    this.home = Path.of("target", home).toAbsolutePath();
    this.validitySeconds = validitySeconds;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The front's base URL, ending in a slash. */
  public URL url() {
    try {
      return new URL("http://127.0.0.1:" + port + "/");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A GET of {@code pathAndQuery} (starting with a slash) through the front. */
  public Response get(Client client, String pathAndQuery) {
    return client.target(url() + pathAndQuery.substring(1)).request().get();
  }

  /**
   * Starts nginx.
   *
   * @param storage the storage folder, for the X-Accel-Redirect front; null for the caching one
   */
  public void start(Path storage, URL application) throws IOException, InterruptedException {
    Files.createDirectories(home.resolve("logs"));
    String server = Files.readString(shipped);
    server =
        adapt(
            server,
            "server ",
            "server " + application.getHost() + ":" + application.getPort() + ";");
    server = adapt(server, "listen ", "listen 127.0.0.1:" + port + ";");
    if (storage != null) {
      server = adapt(server, "alias ", "alias " + storage.toAbsolutePath() + "/;");
    } else {
      server =
          adapt(
              server,
              "proxy_cache_path ",
              "proxy_cache_path "
                  + home.resolve("cache-" + System.nanoTime())
                  + " levels=1:2 keys_zone=imagestore:10m max_size=256m inactive=1d"
                  + " use_temp_path=off;");
      server =
          adapt(server, "proxy_cache_valid 200", "proxy_cache_valid 200 " + validitySeconds + "s;");
    }
    Path conf = home.resolve("nginx.conf");
    Files.writeString(
        conf,
        // Workers of a root master run as nobody, who may not reach the build's folders (a clone
        // under /root, say).
        ("root".equals(System.getProperty("user.name")) ? "user root;\n" : "")
            + "daemon off;\nworker_processes 1;\npid "
            + home.resolve("nginx.pid")
            + ";\nerror_log "
            + home.resolve("logs/error.log")
            + ";\nevents {}\nhttp {\n  access_log off;\n  default_type application/octet-stream;\n"
            + "  client_body_temp_path "
            + home.resolve("body")
            + ";\n  proxy_temp_path "
            + home.resolve("proxy")
            + ";\n"
            + server
            + "}\n");
    process =
        new ProcessBuilder(nginx(), "-p", home.toString(), "-c", conf.toString())
            .redirectErrorStream(true)
            .redirectOutput(home.resolve("logs/stdout.log").toFile())
            .start();
    awaitPort();
  }

  public void stop() throws InterruptedException {
    if (process != null) {
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }

  /** Replaces the one line marked ADAPT that starts with {@code directive}. */
  private String adapt(String conf, String directive, String replacement) {
    Matcher line =
        Pattern.compile("(?m)^(\\s*)" + Pattern.quote(directive) + "[^\\n]*# ADAPT[^\\n]*$")
            .matcher(conf);
    if (!line.find()) {
      throw new IllegalStateException("no ADAPT line for " + directive + "in " + shipped);
    }
    return line.replaceFirst(Matcher.quoteReplacement(line.group(1) + replacement));
  }

  private static String nginx() {
    Path debian = Path.of("/usr/sbin/nginx");
    return Files.isExecutable(debian) ? debian.toString() : "nginx";
  }

  private void awaitPort() throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "nginx exited: " + Files.readString(home.resolve("logs/stdout.log")));
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
        return;
      } catch (IOException notYet) {
        Thread.sleep(100);
      }
    }
    throw new IllegalStateException("nginx did not listen on " + port);
  }
}
