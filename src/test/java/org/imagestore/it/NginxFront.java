package org.imagestore.it;

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
 * Debian's nginx running the shipped {@code server-config/nginx/imagestore.conf}, with only its
 * lines marked ADAPT changed: the test server's port, a free port of its own, the test's storage
 * folder.
 */
public final class NginxFront {
  private static final Path SHIPPED = Path.of("server-config", "nginx", "imagestore.conf");
  private static final Path HOME = Path.of("target", "nginx-front").toAbsolutePath();

  private final int port;
  private Process process;

  public NginxFront() {
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

  public void start(Path storage, URL application) throws IOException, InterruptedException {
    Files.createDirectories(HOME.resolve("logs"));
    String server = Files.readString(SHIPPED);
    server =
        adapt(
            server,
            "server ",
            "server " + application.getHost() + ":" + application.getPort() + ";");
    server = adapt(server, "listen ", "listen 127.0.0.1:" + port + ";");
    server = adapt(server, "alias ", "alias " + storage.toAbsolutePath() + "/;");
    Path conf = HOME.resolve("nginx.conf");
    Files.writeString(
        conf,
        // Workers of a root master run as nobody, who may not reach the build's folders (a clone
        // under /root, say).
        ("root".equals(System.getProperty("user.name")) ? "user root;\n" : "")
            + "daemon off;\nworker_processes 1;\npid "
            + HOME.resolve("nginx.pid")
            + ";\nerror_log "
            + HOME.resolve("logs/error.log")
            + ";\nevents {}\nhttp {\n  access_log off;\n  default_type application/octet-stream;\n"
            + "  client_body_temp_path "
            + HOME.resolve("body")
            + ";\n  proxy_temp_path "
            + HOME.resolve("proxy")
            + ";\n"
            + server
            + "}\n");
    process =
        new ProcessBuilder(nginx(), "-p", HOME.toString(), "-c", conf.toString())
            .redirectErrorStream(true)
            .redirectOutput(HOME.resolve("logs/stdout.log").toFile())
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
  private static String adapt(String conf, String directive, String replacement) {
    Matcher line =
        Pattern.compile("(?m)^(\\s*)" + Pattern.quote(directive) + "[^\\n]*# ADAPT[^\\n]*$")
            .matcher(conf);
    if (!line.find()) {
      throw new IllegalStateException("no ADAPT line for " + directive + "in " + SHIPPED);
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
            "nginx exited: " + Files.readString(HOME.resolve("logs/stdout.log")));
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
