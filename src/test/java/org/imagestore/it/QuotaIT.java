package org.imagestore.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/** imagestore.max-total-bytes: the oldest images go until the total is under the quota. */
class QuotaIT extends ImageStoreTestBase {
  private static final TestStorage STORAGE = Deployments.freshStorage("quota");
  private static final byte[] PNG = Pngs.noise(40, 40, 9);

  @Deployment(testable = false)
  static WebArchive app() throws Exception {
    for (int day = 1; day <= 5; day++) {
      STORAGE.writeSeedImage("2025010" + day + "_120000", PNG, "day " + day);
    }
    STORAGE.writeString("notes.txt", "keep");
    long quota = PNG.length * 3L + PNG.length / 2;
    return Deployments.war(
        "/quota",
        STORAGE,
        Map.of(
            "imagestore.max-total-bytes",
            Long.toString(quota),
            "imagestore.maintenance-interval-seconds",
            "1"));
  }

  @Test
  void theOldestImagesAreDeletedUntilTheTotalFits() throws Exception {
    List<String> expected =
        List.of(
            "generated_20250103_120000.json",
            "generated_20250103_120000.png",
            "generated_20250104_120000.json",
            "generated_20250104_120000.png",
            "generated_20250105_120000.json",
            "generated_20250105_120000.png",
            "notes.txt");
    // A delete removes the files first and the index row after: wait for both.
    for (int i = 0;
        i < 100 && !(STORAGE.names().equals(expected) && images.stats().count() == 3);
        i++) {
      Thread.sleep(100);
    }
    assertEquals(expected, STORAGE.names());
    assertTrue(STORAGE.imageBytes() <= PNG.length * 3L + PNG.length / 2);
    assertEquals(3, images.stats().count());
  }
}
