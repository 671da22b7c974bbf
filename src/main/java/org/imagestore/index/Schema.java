package org.imagestore.index;

import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Brings the index's tables to the current version before anything uses them, in place of JPA
 * schema generation: versioned SQL files applied in order, each recorded in {@code
 * IMAGESTORE_SCHEMA}. Servers starting together take turns on that table's lock row, so one applies
 * what is missing and the others find it done.
 */
@ApplicationScoped
public class Schema {
  private static final Logger LOG = Logger.getLogger(Schema.class.getName());

  /** The migrations, oldest first; each is {@code schema/portable/V<n>.sql}, plus a dialect's. */
  static final List<String> VERSIONS =
      List.of(
          "images and name claims",
          "totals, lease and prompt search",
          "owners",
          "recompressed sizes",
          "content hashes");

  private static final String TABLE = "IMAGESTORE_SCHEMA";
  private static final String POSTGRESQL = "postgresql";
  private static final int ATTEMPTS = 5;

  @Resource(lookup = "java:comp/DefaultDataSource")
  DataSource dataSource;

  private volatile boolean postgres;

  /** Before every other start-up observer: they may read the index. */
  void onStart(
      @Observes
          @Priority(Interceptor.Priority.PLATFORM_BEFORE)
          @Initialized(ApplicationScoped.class)
          Object event) {
    postgres = POSTGRESQL.equals(migrate(dataSource::getConnection));
  }

  /** Whether the index is in PostgreSQL, where prompt search has its trigram index. */
  public boolean postgres() {
    return postgres;
  }

  /** Where migrations get their connection: the datasource, or a test's driver. */
  @FunctionalInterface
  public interface Connections {
    Connection open() throws SQLException;
  }

  /**
   * Migrates, trying again a few times: when servers start together, one creates the version table
   * and the others' attempts fail on it, then find it the next time.
   *
   * @return {@code postgresql}, or null for a database that has only the portable scripts
   */
  public static String migrate(Connections connections) {
    for (int attempt = 1; ; attempt++) {
      try (Connection connection = connections.open()) {
        return migrate(connection);
      } catch (SQLException e) {
        if (attempt == ATTEMPTS) {
          throw new IllegalStateException("imagestore: the index schema cannot be migrated", e);
        }
        LOG.log(
            Level.INFO,
            "imagestore: schema migration attempt {0} failed: {1}",
            new Object[] {attempt, e});
        pause();
      }
    }
  }

  /** Applies what is missing in one transaction; returns the dialect, null for a portable one. */
  private static String migrate(Connection connection) throws SQLException {
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false);
    try {
      if (!exists(connection, TABLE)) {
        createVersionTable(connection);
      }
      int version = lockAndReadVersion(connection);
      if (version == 0 && exists(connection, "IMAGESTORE_IMAGE")) {
        record(connection, 1, "baseline: tables made by JPA schema generation");
        version = 1;
      }
      String dialect = dialect(connection.getMetaData());
      for (int v = version + 1; v <= VERSIONS.size(); v++) {
        execute(connection, Objects.requireNonNull(script("portable", v), "no V" + v + ".sql"));
        String extra = dialect == null ? null : script(dialect, v);
        if (extra != null) {
          execute(connection, extra);
        }
        record(connection, v, VERSIONS.get(v - 1));
        LOG.log(Level.INFO, "imagestore: index schema migrated to version {0}", v);
      }
      connection.commit();
      return dialect;
    } catch (SQLException | RuntimeException e) {
      connection.rollback();
      throw e;
    } finally {
      connection.setAutoCommit(autoCommit);
    }
  }

  /** Version 0 is the lock row: every migration locks it first. */
  private static void createVersionTable(Connection connection) throws SQLException {
    execute(
        connection,
        "CREATE TABLE "
            + TABLE
            + " (VERSION INTEGER NOT NULL PRIMARY KEY, DESCRIPTION VARCHAR(255) NOT NULL,"
            + " APPLIED_AT VARCHAR(40) NOT NULL)");
    record(connection, 0, "lock row");
    connection.commit();
  }

  private static int lockAndReadVersion(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement
          .executeQuery("SELECT VERSION FROM " + TABLE + " WHERE VERSION = 0 FOR UPDATE")
          .close();
      try (ResultSet max = statement.executeQuery("SELECT MAX(VERSION) FROM " + TABLE)) {
        max.next();
        return max.getInt(1);
      }
    }
  }

  private static void record(Connection connection, int version, String description)
      throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO " + TABLE + " (VERSION, DESCRIPTION, APPLIED_AT) VALUES (?, ?, ?)")) {
      insert.setInt(1, version);
      insert.setString(2, description);
      insert.setString(3, Instant.now().toString());
      insert.executeUpdate();
    }
  }

  /** Runs a script's statements: separated by a semicolon at the end of a line. */
  private static void execute(Connection connection, String script) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      for (String sql : statements(script)) {
        statement.execute(sql);
      }
    }
  }

  static List<String> statements(String script) {
    StringBuilder code = new StringBuilder();
    script
        .lines()
        .filter(line -> !line.strip().startsWith("--"))
        .forEach(line -> code.append(line).append('\n'));
    return Arrays.stream(code.toString().split(";\\s*\n"))
        .map(String::strip)
        .filter(sql -> !sql.isEmpty())
        .toList();
  }

  /** An unquoted name as the database stores it: PostgreSQL folds to lower case, H2 to upper. */
  private static boolean exists(Connection connection, String table) throws SQLException {
    DatabaseMetaData meta = connection.getMetaData();
    String name = meta.storesLowerCaseIdentifiers() ? table.toLowerCase(Locale.ROOT) : table;
    // A pattern: its underscores would match any character.
    String pattern = name.replace("_", meta.getSearchStringEscape() + "_");
    try (ResultSet tables =
        meta.getTables(null, connection.getSchema(), pattern, new String[] {"TABLE"})) {
      return tables.next();
    }
  }

  /** The folder of a database's extra statements; null for databases other than PostgreSQL. */
  private static String dialect(DatabaseMetaData meta) throws SQLException {
    return meta.getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres")
        ? POSTGRESQL
        : null;
  }

  private static String script(String dialect, int version) {
    String path = "schema/" + dialect + "/V" + version + ".sql";
    try (InputStream in = Schema.class.getResourceAsStream(path)) {
      return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void pause() {
    try {
      Thread.sleep(500);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while migrating the index schema", e);
    }
  }
}
