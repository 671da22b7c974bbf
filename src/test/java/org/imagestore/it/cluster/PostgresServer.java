package org.imagestore.it.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A throwaway PostgreSQL cluster from Debian's package, as {@code server-config/try.sh} starts one:
 * initdb in a temporary folder, a free loopback port, trust authentication, and no fsync (nothing
 * here must survive a power cut). Run as the {@code postgres} user when the tests run as root,
 * since PostgreSQL refuses to run as root.
 */
final class PostgresServer {
  static final String USER = "postgres";

  private final Path bin = newestBin();
  private final Path dir;
  private final int port = freePort();

  PostgresServer() {
    try {
      dir = Files.createTempDirectory("imagestore-pg-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void start() {
    run(List.of("chmod", "755", dir.toString()), false);
    if (isRoot()) {
      run(List.of("install", "-d", "-o", USER, dir.resolve("data").toString()), false);
      run(List.of("chown", USER, dir.toString()), false);
    }
    run(List.of(tool("initdb"), "-D", data(), "-A", "trust", "-U", USER), true);
    run(
        List.of(
            tool("pg_ctl"),
            "-D",
            data(),
            "-w",
            "-l",
            dir.resolve("server.log").toString(),
            "-o",
            "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off",
            "start"),
        true);
  }

  void stop() {
    run(List.of(tool("pg_ctl"), "-D", data(), "-m", "fast", "stop"), true);
    try (var paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(java.io.File::delete);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void createDatabase(String name) {
    try (Connection connection = connect("postgres")) {
      connection.createStatement().execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  String jdbcUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  Connection connect(String database) throws SQLException {
    return DriverManager.getConnection(jdbcUrl(database), USER, "");
  }

  private String data() {
    return dir.resolve("data").toString();
  }

  private String tool(String name) {
    return bin.resolve(name).toString();
  }

  private static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  private static void run(List<String> command, boolean asPostgres) {
    List<String> full = new ArrayList<>();
    if (asPostgres && isRoot()) {
      full.addAll(List.of("runuser", "-u", USER, "--"));
    }
    full.addAll(command);
    try {
      Process process =
          new ProcessBuilder(full)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (process.waitFor() != 0) {
        throw new IllegalStateException("failed: " + String.join(" ", full));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static Path newestBin() {
    try (var versions = Files.list(Path.of("/usr/lib/postgresql"))) {
      return versions
          .filter(v -> Files.isExecutable(v.resolve("bin/initdb")))
          .max(Comparator.comparing(v -> Integer.parseInt(v.getFileName().toString())))
          .map(v -> v.resolve("bin"))
          .orElseThrow(
              () -> new IllegalStateException("no PostgreSQL: apt-get install postgresql"));
    } catch (IOException e) {
      throw new IllegalStateException("no PostgreSQL: apt-get install postgresql", e);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
