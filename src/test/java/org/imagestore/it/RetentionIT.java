package org.imagestore.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.attribute.FileTime;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
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
    assertEquals(1, getJson("api/list-images").getInt("count"));

    STORAGE.writeSeedImage("20220101_120000", Pngs.flat(20, 20, 5), "copied in later");
    postJson("api/admin/reindex", "");
    for (int i = 0; i < 50 && !STORAGE.names().equals(expected); i++) {
      Thread.sleep(100);
    }
    assertEquals(expected, STORAGE.names(), "the scheduled run deletes new old images too");
  }
}
