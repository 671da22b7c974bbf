package org.imagestore.it.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.imagestore.client.ImageEntry;
import org.imagestore.client.ImageQuery;
import org.imagestore.it.Deployments;
import org.imagestore.it.Pngs;
import org.imagestore.it.TestStorage;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * The gallery's grid loads thumbnails, not the images: for 50 images that compress like Stable
 * Diffusion output, at least 90% fewer bytes cross the network (the Performance API's count), and
 * every thumbnail has loaded.
 */
class ThumbnailGalleryIT extends BrowserTestBase {
  private static final TestStorage STORAGE = Deployments.freshStorage("thumbnail-gallery");
  private static final int IMAGES = 50;

  @Deployment(testable = false)
  static WebArchive app() {
    return Deployments.war("/thumbnail-gallery", STORAGE, Map.of());
  }

  @Test
  void fiftyImagesCostAtLeastNinetyPercentFewerBytesAsThumbnails() {
    for (int i = 0; i < IMAGES; i++) {
      images.save(Pngs.realistic(768, 768, i), null);
    }
    List<ImageEntry> all = images.list(ImageQuery.all()).images();
    long originals = all.stream().mapToLong(ImageEntry::size).sum();

    driver.get(base.toString());
    Browser.await(
        driver,
        d -> {
          // Scrolling to the end loads the next page of the grid, as a user would.
          driver.executeScript("window.scrollTo(0, document.body.scrollHeight)");
          return d.findElements(By.cssSelector("figure.card")).size() == IMAGES;
        });
    Browser.await(driver, d -> Browser.imagesLoaded(d, "figure.card img"));
    List<Map<String, Object>> loaded = Browser.fetched(driver, "/storage/");
    assertEquals(IMAGES, loaded.size(), loaded.toString());
    loaded.forEach(
        entry -> assertTrue(entry.get("name").toString().contains("/storage/thumbnails/256/")));
    long thumbnails =
        loaded.stream().mapToLong(e -> ((Number) e.get("transfer")).longValue()).sum();
    System.out.printf(
        "gallery of %d images: %,d bytes of originals, %,d bytes of thumbnails loaded (%.1f%%)%n",
        IMAGES, originals, thumbnails, 100.0 * thumbnails / originals);
    assertTrue(thumbnails > 0, "transferSize counts nothing here");
    assertTrue(thumbnails * 10 <= originals, thumbnails + " of " + originals + " bytes");
  }
}
