package org.imagestore.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.attribute.FileTime;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.imagestore.client.ImageQuery;
import org.imagestore.client.ImageStoreException;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/** imagestore.retention-days: old images go on schedule, with their sidecars, and nothing else. */
class RetentionIT extends ImageStoreTestBase {
  private static final TestStorage STORAGE = Deployments.freshStorage("retention");
  private static final String RECENT =
      LocalDateTime.now().minusDays(2).format(DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss"));

  @Deployment(testable = false)
  static WebArchive app() throws Exception {
    STORAGE.writeSeedImage("20200101_120000", Pngs.flat(20, 20, 1), "old");
    STORAGE.writeSeedImage("20210101_120000", Pngs.flat(20, 20, 2), "old too");
    STORAGE.writeSeedImage(RECENT, Pngs.flat(20, 20, 3), "recent");
    // Old files that are not stored images are never touched, however old.
    STORAGE.writeString("notes.txt", "keep");
    STORAGE.write("backup-2019.png", Pngs.flat(2, 2, 4));
    if (!S3Session.active()) {
      // A bucket's objects cannot be backdated.
      Files.setLastModifiedTime(
          STORAGE.folder().resolve("backup-2019.png"), FileTime.fromMillis(1_546_300_800_000L));
    }
    return Deployments.war(
        "/retention",
        STORAGE,
        Map.of(
            "imagestore.retention-days", "30",
            "imagestore.maintenance-interval-seconds", "1"));
  }

  @Test
  void imagesOlderThanTheRetentionAreDeletedAndNothingElse() throws Exception {
    List<String> expected =
        List.of(
            "backup-2019.png",
            "generated_" + RECENT + ".json",
            "generated_" + RECENT + ".png",
            "notes.txt");
    for (int i = 0; i < 100 && !STORAGE.names().equals(expected); i++) {
      Thread.sleep(100);
    }
    assertEquals(expected, STORAGE.names());
    assertEquals(1, images.list(ImageQuery.all()).count());

    STORAGE.writeSeedImage("20220101_120000", Pngs.flat(20, 20, 5), "copied in later");
    reindex();
    for (int i = 0; i < 50 && !STORAGE.names().equals(expected); i++) {
      Thread.sleep(100);
    }
    assertEquals(expected, STORAGE.names(), "the scheduled run deletes new old images too");
  }

  /**
   * A reindex while a scheduled run (every second here) holds the maintenance lease gets 503: try
   * again, as a client would.
   */
  private void reindex() throws InterruptedException {
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (true) {
      try {
        images.reindex();
        return;
      } catch (ImageStoreException refused) {
        if (refused.status() != 503 || System.nanoTime() > deadline) {
          throw refused;
        }
        Thread.sleep(100);
      }
    }
  }
}
