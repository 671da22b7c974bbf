package org.imagestore.it.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.imagestore.index.Schema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The index's migrations on a real PostgreSQL: from the tables that JPA schema generation made
 * before (as each server's provider made them), and on an empty database by several servers at
 * once.
 */
class SchemaMigrationIT {
  private static PostgresServer postgres;

  @BeforeAll
  static void start() {
    postgres = new PostgresServer();
    postgres.start();
  }

  @AfterAll
  static void stop() {
    postgres.stop();
  }

  @ParameterizedTest
  @ValueSource(strings = {"hibernate", "eclipselink"})
  void anIndexBuiltBeforeMigrationsKeepsEveryRow(String provider) throws Exception {
    String db = "legacy_" + provider;
    postgres.createDatabase(db);
    try (Connection c = postgres.connect(db);
        Statement s = c.createStatement()) {
      s.execute(resource("/legacy-schema/" + provider + ".sql"));
      for (int i = 1; i <= 3; i++) {
        s.execute(
            "INSERT INTO imagestore_image (filename, created_micros, created_at, image_size, width,"
                + " height, model_name, source_name, prompt_search, metadata_json, image_modified,"
                + " sidecar_modified) VALUES ('generated_20251029_10153"
                + i
                + ".png', "
                + i
                + ", '2025-10-29T10:15:3"
                + i
                + "+07:00', "
                + (1000 * i)
                + ", 8, 8, 'sdxl', 'manual', 'a fox "
                + i
                + "', '{\"prompt\":\"a fox "
                + i
                + "\"}', 1, 2)");
      }
      s.execute("INSERT INTO imagestore_name_claim (filename, claimed_millis) VALUES ('x.png', 1)");
    }

    Schema.migrate(() -> postgres.connect(db));
    Schema.migrate(() -> postgres.connect(db)); // a restart: nothing left to do

    try (Connection c = postgres.connect(db)) {
      assertEquals(
          List.of("3", "6000"), row(c, "SELECT COUNT(*), SUM(image_size) FROM imagestore_image"));
      assertEquals(
          List.of("{\"prompt\":\"a fox 2\"}"),
          row(
              c,
              "SELECT metadata_json FROM imagestore_image WHERE filename = 'generated_20251029_101532.png'"));
      assertEquals(
          List.of("3", "6000"), row(c, "SELECT image_count, image_bytes FROM imagestore_totals"));
      assertEquals(
          List.of("0,1,2,3,4,5", "baseline: tables made by JPA schema generation"),
          row(
              c,
              "SELECT string_agg(version::text, ',' ORDER BY version), MAX(CASE WHEN version = 1 THEN description END) FROM imagestore_schema"));
      assertEquals(
          List.of("maintenance", "0"), row(c, "SELECT name, expires_millis FROM imagestore_lease"));
      assertEquals(List.of("1"), row(c, "SELECT COUNT(*) FROM imagestore_name_claim"));
      assertTrue(
          row(c, "SELECT indexdef FROM pg_indexes WHERE indexname = 'imagestore_image_prompt'")
              .get(0)
              .contains("gin_trgm_ops"));
    }
  }

  @Test
  void serversMigratingAnEmptyDatabaseAtOnceApplyEachVersionOnce() throws Exception {
    postgres.createDatabase("fresh");
    List<Callable<Void>> servers = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      servers.add(
          () -> {
            Schema.migrate(() -> postgres.connect("fresh"));
            return null;
          });
    }
    ExecutorService pool = Executors.newFixedThreadPool(servers.size());
    try {
      for (Future<Void> server : pool.invokeAll(servers)) {
        server.get();
      }
    } finally {
      pool.shutdown();
    }
    try (Connection c = postgres.connect("fresh")) {
      assertEquals(
          List.of("0,1,2,3,4,5"),
          row(c, "SELECT string_agg(version::text, ',' ORDER BY version) FROM imagestore_schema"));
      assertEquals(
          List.of("0", "0"), row(c, "SELECT image_count, image_bytes FROM imagestore_totals"));
    }
  }

  private static List<String> row(Connection c, String sql) throws SQLException {
    try (ResultSet r = c.createStatement().executeQuery(sql)) {
      assertTrue(r.next(), sql);
      List<String> values = new ArrayList<>();
      for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
        values.add(r.getString(i));
      }
      return values;
    }
  }

  private static String resource(String path) throws IOException {
    try (InputStream in = SchemaMigrationIT.class.getResourceAsStream(path)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
