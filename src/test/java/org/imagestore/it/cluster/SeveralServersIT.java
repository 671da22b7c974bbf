package org.imagestore.it.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.imagestore.client.BatchDeleted;
import org.imagestore.client.DeleteImages;
import org.imagestore.client.Deleted;
import org.imagestore.client.ImageEntry;
import org.imagestore.client.ImageList;
import org.imagestore.client.ImageQuery;
import org.imagestore.client.ImageStoreException;
import org.imagestore.client.Reconciliation;
import org.imagestore.client.SavedImage;
import org.imagestore.it.BucketStorage;
import org.imagestore.it.Pngs;
import org.imagestore.it.S3Server;
import org.imagestore.it.S3Session;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Two WildFly servers on one s3proxy bucket and one PostgreSQL index, each set up with the admin
 * scripts of {@code server-config/wildfly/}, called as a chat back end behind a load balancer
 * would. In order: both start at once on a bucket of 2,000 images, both run retention at once, then
 * saves and deletes cross from one to the other, and last one of them is killed mid-save.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SeveralServersIT {
  private static final String BUCKET = "imagestore-several";
  private static final String DATABASE = "imagestore";
  private static final int SEEDED = 2000;
  private static final Path DRIVER =
      Path.of(System.getProperty("imagestore.it.postgresql-jar")).toAbsolutePath();

  private static PostgresServer postgres;
  private static WildFlyNode nodeA;
  private static WildFlyNode nodeB;
  private static NodeClient a;
  private static NodeClient b;

  @BeforeAll
  static void startBothServersAtOnce() throws Exception {
    postgres = new PostgresServer();
    postgres.start();
    postgres.createDatabase(DATABASE);
    BucketStorage.client().createBucket(r -> r.bucket(BUCKET));
    seedBucket();
    nodeA = node("a", 300);
    nodeB = node("b", 400);
    inParallel(
        List.of(
            () -> {
              nodeA.install(adminScripts());
              return null;
            },
            () -> {
              nodeB.install(adminScripts());
              return null;
            }));
    // Started together against an empty database: both migrate it, both want to reconcile.
    nodeA.start();
    nodeB.start();
    nodeA.awaitDeployed();
    nodeB.awaitDeployed();
    a = new NodeClient(nodeA.url(""));
    b = new NodeClient(nodeB.url(""));
  }

  @AfterAll
  static void stopEverything() {
    for (WildFlyNode node : new WildFlyNode[] {nodeA, nodeB}) {
      if (node != null && node.running()) {
        node.stop();
      }
    }
    if (postgres != null) {
      postgres.stop();
    }
  }

  @Test
  @Order(1)
  void bothServersStartedTogetherIndexEachImageOnce() throws Exception {
    a.awaitReady();
    b.awaitReady();
    assertEquals(
        List.of((long) SEEDED, (long) SEEDED),
        sql("SELECT COUNT(*), COUNT(DISTINCT filename) FROM imagestore_image"));
    assertEquals(List.of((long) SEEDED), sql("SELECT image_count FROM imagestore_totals"));
    long added =
        a.images().stats().lastReconciliation().added()
            + b.images().stats().lastReconciliation().added();
    assertEquals(SEEDED, added, "one server indexed the images, the other found them indexed");
    assertEquals(SEEDED, a.images().list(ImageQuery.all().limit(1)).count());
    assertEquals(SEEDED, b.images().list(ImageQuery.all().limit(1)).count());
    assertEquals(List.of(5L, 5L), sql("SELECT COUNT(*) - 1, MAX(version) FROM imagestore_schema"));
  }

  @Test
  @Order(2)
  void retentionOnBothAtOnceDeletesEachExpiredImageOnce() throws Exception {
    DeleteImages retention = DeleteImages.olderThanDays(30);
    List<BatchDeleted> answers =
        inParallel(
            List.of(
                () -> a.images().deleteImages(retention),
                () -> b.images().deleteImages(retention)));
    Set<String> deleted = new HashSet<>();
    int reported = 0;
    for (BatchDeleted answer : answers) {
      assertTrue(answer.success(), answer::toString);
      reported += answer.deleted();
      answer.filenames().forEach(name -> assertTrue(deleted.add(name), "deleted twice: " + name));
    }
    assertEquals(SEEDED, reported);
    assertEquals(SEEDED, deleted.size());
    assertEquals(List.of(), objects());
    assertEquals(
        List.of(0L, 0L),
        sql("SELECT COUNT(*), (SELECT image_count FROM imagestore_totals) FROM imagestore_image"));
    assertEquals(0, a.images().list(ImageQuery.all()).count());
    assertEquals(0, b.images().list(ImageQuery.all()).count());
    for (WildFlyNode node : List.of(nodeA, nodeB)) {
      assertEquals(List.of(), node.logLines("ERROR [org.imagestore"), node.name());
      assertEquals(List.of(), node.logLines("SEVERE [org.imagestore"), node.name());
    }
  }

  @Test
  @Order(3)
  void anImageSavedOnOneServerIsListedServedAndDeletedOnTheOther() throws SQLException {
    byte[] png = Pngs.noise(64, 64, 3);
    SavedImage saved =
        a.images().save(png, Json.createObjectBuilder().add("prompt", "saved on a").build());
    String name = saved.filename();

    ImageList listed = b.images().list(ImageQuery.all().q("saved on a"));
    assertEquals(1, listed.count());
    assertEquals(name, listed.images().get(0).filename());
    assertArrayEquals(png, b.bytesOf(name));
    assertArrayEquals(png, a.bytesOf(name));

    // While another request holds the name (a delete under way on A, here its claim row), B's
    // delete is refused with 409 and deletes nothing.
    update(
        "INSERT INTO imagestore_name_claim (filename, claimed_millis) VALUES ('" + name + "', 1)");
    String held = NodeClient.assertRefused(409, () -> b.images().delete(name));
    assertTrue(held.contains("another request"), held);
    assertArrayEquals(png, a.bytesOf(name));
    update("DELETE FROM imagestore_name_claim WHERE filename = '" + name + "'");

    Deleted deleted = b.images().delete(name);
    assertTrue(deleted.success());
    assertEquals(name, deleted.filename());
    NodeClient.assertRefused(404, () -> a.images().image(name, null));
    assertEquals(0, a.images().list(ImageQuery.all().q("saved on a")).count());
    NodeClient.assertRefused(404, () -> a.images().delete(name));
  }

  @Test
  @Order(4)
  void concurrentSavesOnBothServersGetDistinctNamesListedOnceOnEach() throws Exception {
    List<Callable<String>> saves = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      NodeClient node = i % 2 == 0 ? a : b;
      byte[] png = Pngs.noise(32, 32, 1000 + i);
      saves.add(
          () ->
              node.images()
                  .save(png, Json.createObjectBuilder().add("prompt", "burst").build())
                  .filename());
    }
    Set<String> names = new HashSet<>(inParallel(saves));
    assertEquals(40, names.size());
    for (NodeClient node : List.of(a, b)) {
      List<String> listed = listedNames(node, "burst");
      assertEquals(40, listed.size());
      assertEquals(names, new HashSet<>(listed));
    }
  }

  /** While one server (or one of its jobs) holds the maintenance lease, reindex elsewhere waits. */
  @Test
  @Order(5)
  void maintenanceRunsOnOneServerAtATime() throws Exception {
    long later = System.currentTimeMillis() + 60_000;
    update("UPDATE imagestore_lease SET holder = 'elsewhere/1', expires_millis = " + later);
    for (NodeClient node : List.of(a, b)) {
      String refused = NodeClient.assertRefused(503, () -> node.images().reindex());
      assertTrue(refused.contains("elsewhere/1"), refused);
    }
    update("UPDATE imagestore_lease SET expires_millis = " + (System.currentTimeMillis() - 1));
    a.images().reindex();
    assertEquals(List.of(0L), sql("SELECT COUNT(holder) FROM imagestore_lease"), "released after");
  }

  /**
   * kill -9 of one server while both take saves: the other never lists or serves a half-written
   * image, every save the dead one acknowledged is there, and maintenance resumes once its lease
   * has expired.
   */
  @Test
  @Order(6)
  void aServerKilledMidSaveLeavesNothingHalfWrittenAndLosesNoAcknowledgedSave() throws Exception {
    Map<String, byte[]> acknowledged = new ConcurrentHashMap<>();
    Set<String> attempted = ConcurrentHashMap.newKeySet();
    AtomicBoolean going = new AtomicBoolean(true);
    AtomicLong seeds = new AtomicLong(5000);
    ExecutorService savers = Executors.newFixedThreadPool(6);
    List<Future<?>> running = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      NodeClient node = i < 4 ? a : b;
      running.add(
          savers.submit(
              () -> {
                while (going.get()) {
                  byte[] png = Pngs.noise(256, 256, seeds.incrementAndGet());
                  attempted.add(Pngs.sha256(png));
                  try {
                    SavedImage saved =
                        node.images()
                            .save(png, Json.createObjectBuilder().add("prompt", "killed").build());
                    acknowledged.put(saved.filename(), png);
                  } catch (RuntimeException refusedOrConnectionLost) {
                    // an error answer, or the server died under this request: nothing was
                    // acknowledged
                  }
                }
              }));
    }
    WildFlyNode.pause(3000);
    nodeA.kill();
    WildFlyNode.pause(1000);
    going.set(false);
    for (Future<?> saver : running) {
      saver.get();
    }
    savers.shutdown();
    assertTrue(acknowledged.size() > 10, "saves went on: " + acknowledged.size());

    assertOnlyWholeImagesListed(acknowledged, attempted);
    // The dead server's lease, if it held one, lapses; then B can run maintenance.
    Reconciliation report = reindexWhenFree(b);
    assertEquals(0, report.removed(), report::toString);
    assertOnlyWholeImagesListed(acknowledged, attempted);
    assertEquals(
        sql("SELECT COUNT(*) FROM imagestore_image"),
        sql("SELECT image_count FROM imagestore_totals"));
  }

  private static void assertOnlyWholeImagesListed(
      Map<String, byte[]> acknowledged, Set<String> attempted) {
    List<String> listed = listedNames(b, "killed");
    assertEquals(listed.size(), new HashSet<>(listed).size(), "listed once each");
    assertTrue(listed.containsAll(acknowledged.keySet()), "every acknowledged save is listed");
    for (String name : listed) {
      byte[] served = b.bytesOf(name);
      if (acknowledged.containsKey(name)) {
        assertArrayEquals(acknowledged.get(name), served, name);
      } else {
        assertTrue(
            attempted.contains(Pngs.sha256(served)), name + " is not an image a client sent");
      }
    }
  }

  private static Reconciliation reindexWhenFree(NodeClient node) {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (true) {
      try {
        return node.images().reindex();
      } catch (ImageStoreException busy) {
        assertEquals(503, busy.status(), busy::getMessage);
      }
      assertTrue(System.nanoTime() < deadline, "the lease never lapsed");
      WildFlyNode.pause(1000);
    }
  }

  /** Every name that matches {@code q}, in pages of 50 that follow the cursor. */
  private static List<String> listedNames(NodeClient node, String q) {
    return node.images().stream(ImageQuery.all().q(q).limit(50)).map(ImageEntry::filename).toList();
  }

  private static WildFlyNode node(String name, int offset) {
    return new WildFlyNode(
        name,
        offset,
        Map.of(
            "AWS_ACCESS_KEY_ID", S3Server.IDENTITY, "AWS_SECRET_ACCESS_KEY", S3Server.CREDENTIAL),
        // A short lease, so that the killed server's lapses within the test.
        List.of("-Djboss.tx.node.id=imagestore-" + name, "-Dimagestore.lease-seconds=6"));
  }

  /** What an admin runs on each server: the datasource, then the several-servers settings. */
  private static List<List<String>> adminScripts() {
    return List.of(
        List.of(
            "--file=server-config/wildfly/postgresql-datasource.cli",
            "--resolve-parameter-values",
            "-Ddriver.jar=" + DRIVER,
            "-Ddb.url=" + postgres.jdbcUrl(DATABASE),
            "-Ddb.user=" + PostgresServer.USER,
            "-Ddb.password=unused"),
        List.of(
            "--file=server-config/wildfly/several-servers.cli",
            "--resolve-parameter-values",
            "-Ds3.bucket=" + BUCKET,
            "-Ds3.endpoint=" + S3Session.server().endpoint(),
            "-Ds3.path-style=true"));
  }

  /** 2,000 images in the seed's layout, made in 2020: all past a 30-day retention. */
  private static void seedBucket() throws Exception {
    DateTimeFormatter stamp = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss");
    LocalDateTime start = LocalDateTime.of(2020, 1, 1, 0, 0);
    List<Callable<Void>> puts = new ArrayList<>();
    for (int i = 0; i < SEEDED; i++) {
      LocalDateTime created = start.plusMinutes(i);
      String name = "generated_" + stamp.format(created);
      byte[] png = Pngs.flat(8, 8, i);
      String sidecar =
          Json.createObjectBuilder()
              .add("filename", name + ".png")
              .add("created_at", created + ":00.000000")
              .add("metadata", Json.createObjectBuilder().add("prompt", "seeded " + i))
              .build()
              .toString();
      puts.add(
          () -> {
            put(name + ".json", sidecar.getBytes(StandardCharsets.UTF_8));
            put(name + ".png", png);
            return null;
          });
    }
    inParallel(puts);
  }

  private static void put(String key, byte[] bytes) {
    BucketStorage.client().putObject(r -> r.bucket(BUCKET).key(key), RequestBody.fromBytes(bytes));
  }

  private static List<String> objects() {
    return BucketStorage.client().listObjectsV2Paginator(r -> r.bucket(BUCKET)).contents().stream()
        .map(S3Object::key)
        .toList();
  }

  private static void update(String statement) throws SQLException {
    try (Connection connection = postgres.connect(DATABASE)) {
      connection.createStatement().executeUpdate(statement);
    }
  }

  /** The first row of a query, its columns as longs. */
  private static List<Long> sql(String query) throws SQLException {
    try (Connection connection = postgres.connect(DATABASE);
        ResultSet row = connection.createStatement().executeQuery(query)) {
      row.next();
      List<Long> values = new ArrayList<>();
      for (int i = 1; i <= row.getMetaData().getColumnCount(); i++) {
        values.add(row.getLong(i));
      }
      return values;
    }
  }

  private static <T> List<T> inParallel(List<Callable<T>> tasks) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(8, tasks.size()));
    try {
      List<T> results = new ArrayList<>();
      for (Future<T> future : pool.invokeAll(tasks)) {
        results.add(future.get());
      }
      return results;
    } finally {
      pool.shutdown();
    }
  }
}
