package org.imagestore.it.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One WildFly of the several-servers tests: a copy of the build's configured test server under
 * {@code target/cluster/<name>}, on its own port offset, set up by an admin's scripts from {@code
 * server-config/wildfly/} and started, killed or stopped as a process.
 */
final class WildFlyNode {
  private static final Path TEST_SERVER = Path.of(System.getProperty("jboss.home"));
  private static final Path WAR = Path.of("target", "imagestore.war").toAbsolutePath();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final String name;
  private final int offset;
  private final Path home;
  private final Map<String, String> environment;
  private final List<String> properties;
  private Process process;

  WildFlyNode(String name, int offset, Map<String, String> environment, List<String> properties) {
    this.name = name;
    this.offset = offset;
    this.home = Path.of("target", "cluster", name).toAbsolutePath();
    this.environment = environment;
    this.properties = properties;
  }

  String name() {
    return name;
  }

  URI url(String path) {
    return URI.create("http://127.0.0.1:" + (8080 + offset) + "/" + path);
  }

  /** A fresh copy of the test server, configured by the admin scripts, stopped, WAR in place. */
  void install(List<List<String>> cliScripts) {
    try {
      Files.createDirectories(home.getParent());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    exec(List.of("rm", "-rf", home.toString()), home.getParent());
    exec(List.of("cp", "-a", TEST_SERVER.toString(), home.toString()), home.getParent());
    exec(List.of("rm", "-rf", home.resolve("standalone/log").toString()), home.getParent());
    start();
    awaitManagement();
    for (List<String> script : cliScripts) {
      List<String> command = new ArrayList<>(cli());
      command.addAll(script);
      exec(command, Path.of("").toAbsolutePath());
      awaitManagement();
    }
    stop();
    try {
      Files.copy(
          WAR,
          home.resolve("standalone/deployments/imagestore.war"),
          StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void start() {
    List<String> command = new ArrayList<>();
    command.add(home.resolve("bin/standalone.sh").toString());
    command.add("-b");
    command.add("127.0.0.1");
    command.add("-Djboss.socket.binding.port-offset=" + offset);
    command.addAll(properties);
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("console.log").toFile()));
    builder.environment().putAll(environment);
    builder.environment().put("JAVA_OPTS", "-Xms128m -Xmx512m -Djava.net.preferIPv4Stack=true");
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits until the application answers: deployed, and its index migrated. */
  void awaitDeployed() {
    await(url("api/storage-stats"), 180);
  }

  /** kill -9 of the server's JVM: no shutdown hook, no undeploy, nothing flushed. */
  void kill() {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    waitFor();
  }

  /** Shuts the server down, asking again while it is still restarting from a script. */
  void stop() {
    for (int attempt = 0; attempt < 12 && process.isAlive(); attempt++) {
      exec(with(cli(), "--command=shutdown"), home, false, 15);
      try {
        process.waitFor(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    if (process.isAlive()) {
      kill();
    }
    waitFor();
  }

  /** The lines of this server's log that contain {@code text}. */
  List<String> logLines(String text) {
    try (var lines = Files.lines(home.resolve("standalone/log/server.log"))) {
      return lines.filter(line -> line.contains(text)).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  boolean running() {
    return process != null && process.isAlive();
  }

  private void waitFor() {
    try {
      process.waitFor();
      process.descendants().forEach(ProcessHandle::destroyForcibly);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void awaitManagement() {
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (System.nanoTime() < deadline) {
      if (exec(with(cli(), "--command=:read-attribute(name=server-state)"), home, false, 15)
          .contains("running")) {
        return;
      }
      pause(500);
    }
    throw new IllegalStateException(name + ": management never came up");
  }

  private List<String> cli() {
    return List.of(
        home.resolve("bin/jboss-cli.sh").toString(),
        "--connect",
        "--controller=127.0.0.1:" + (9990 + offset));
  }

  private static List<String> with(List<String> command, String argument) {
    List<String> all = new ArrayList<>(command);
    all.add(argument);
    return all;
  }

  private static void exec(List<String> command, Path dir) {
    exec(command, dir, true, 120);
  }

  /**
   * Runs a command and returns its output. A CLI call made while the server reloads can hang: after
   * {@code seconds} it is killed, which counts as a failure.
   */
  private static String exec(List<String> command, Path dir, boolean check, long seconds) {
    try {
      Path output = Files.createTempFile("imagestore-cli-", ".log");
      try {
        Process p =
            new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        boolean done = p.waitFor(seconds, TimeUnit.SECONDS);
        if (!done) {
          p.descendants().forEach(ProcessHandle::destroyForcibly);
          p.destroyForcibly().waitFor();
        }
        String text = Files.readString(output);
        if (check && (!done || p.exitValue() != 0)) {
          throw new IllegalStateException(String.join(" ", command) + " failed:\n" + text);
        }
        return done ? text : "";
      } finally {
        Files.deleteIfExists(output);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static void await(URI url, int seconds) {
    long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
    while (System.nanoTime() < deadline) {
      try {
        HttpResponse<Void> response =
            HTTP.send(
                HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not up yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      pause(500);
    }
    throw new IllegalStateException(url + " never answered 200");
  }

  static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
