package org.imagestore.it.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.imagestore.client.ImageEntry;
import org.imagestore.client.ImageQuery;
import org.imagestore.it.Deployments;
import org.imagestore.it.Pngs;
import org.imagestore.it.TestStorage;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/** The gallery at the context root, in Chromium: listing, search, filters, cache, deletes. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GalleryIT extends BrowserTestBase {
  private static final TestStorage STORAGE = Deployments.freshStorage("gallery");
  private static final String[] PROMPTS = {
    "red fox in snow", "mountain lake", "red fox asleep", "city at night", "red fox <b>bold</b>"
  };
  private static boolean saved;

  @Deployment(testable = false)
  static WebArchive app() {
    return Deployments.war("/gallery", STORAGE, Map.of());
  }

  @BeforeEach
  void saveImagesOnce() {
    if (saved) {
      return;
    }
    for (int i = 0; i < PROMPTS.length; i++) {
      images.save(
          Pngs.realistic(320, 240, i),
          Json.createObjectBuilder()
              .add("prompt", PROMPTS[i])
              .add("model", i % 2 == 0 ? "sdxl" : "AnythingV4_v45")
              .add("source", i == 3 ? "text2image_tool" : "manual")
              .build());
    }
    saved = true;
  }

  private List<String> shownFilenames() {
    return driver.findElements(By.cssSelector("figure.card")).stream()
        .map(card -> card.getAttribute("data-filename"))
        .toList();
  }

  private List<String> apiFilenames(ImageQuery query) {
    return images.list(query).images().stream().map(ImageEntry::filename).toList();
  }

  private void awaitCards(int count) {
    Browser.await(driver, d -> d.findElements(By.cssSelector("figure.card")).size() == count);
  }

  @Test
  @Order(1)
  void listsEveryImageNewestFirstAndEveryImageLoads() throws Exception {
    driver.get(base.toString());
    awaitCards(PROMPTS.length);
    assertEquals(apiFilenames(ImageQuery.all()), shownFilenames());
    Browser.await(driver, d -> Browser.imagesLoaded(d, "figure.card img"));
    // The prompt with markup is shown as text, not interpreted.
    assertTrue(driver.getPageSource().contains("red fox &lt;b&gt;bold&lt;/b&gt;"));
    assertEquals("5", driver.findElement(By.id("stat-count")).getText());
    assertFalse(driver.findElements(By.cssSelector("#per-day rect")).isEmpty());
    Path shot = Path.of("target", "gallery.png");
    Files.write(shot, driver.getScreenshotAs(OutputType.BYTES));
  }

  @Test
  @Order(2)
  void searchAndFiltersNarrowTheGrid() {
    driver.get(base.toString());
    awaitCards(PROMPTS.length);
    driver.findElement(By.id("q")).sendKeys("RED FOX");
    awaitCards(3);
    assertEquals(apiFilenames(ImageQuery.all().q("red fox")), shownFilenames());
    retype("q", " ");
    retype("model", "AnythingV4_v45");
    awaitCards(2);
    assertEquals(apiFilenames(ImageQuery.all().model("AnythingV4_v45")), shownFilenames());
    retype("model", " ");
    awaitCards(PROMPTS.length);
    new Select(driver.findElement(By.id("source"))).selectByValue("text2image_tool");
    awaitCards(1);
    assertEquals(apiFilenames(ImageQuery.all().source("text2image_tool")), shownFilenames());
  }

  /** Replaces a field's text; the trailing space of an "empty" value keeps an input event. */
  private void retype(String id, String text) {
    WebElement field = driver.findElement(By.id(id));
    field.clear();
    field.sendKeys(text);
  }

  @Test
  @Order(3)
  void aReloadTakesTheImagesFromTheCache() {
    driver.get(base.toString());
    awaitCards(PROMPTS.length);
    Browser.await(driver, d -> Browser.imagesLoaded(d, "figure.card img"));
    driver.navigate().refresh();
    awaitCards(PROMPTS.length);
    Browser.await(driver, d -> Browser.imagesLoaded(d, "figure.card img"));
    List<Map<String, Object>> entries = Browser.fetched(driver, "/storage/thumbnails/");
    assertEquals(PROMPTS.length, entries.size(), entries.toString());
    for (Map<String, Object> entry : entries) {
      long transfer = ((Number) entry.get("transfer")).longValue();
      long body = ((Number) entry.get("body")).longValue();
      // 0: straight from the cache; a few hundred bytes: a 304's headers. Never the body again.
      assertTrue(transfer < body, entry.toString());
    }
  }

  @Test
  @Order(4)
  void deleteFromTheDetailViewAndDeleteASelection() {
    driver.get(base.toString());
    awaitCards(PROMPTS.length);
    List<String> shown = shownFilenames();
    String first = shown.get(0);
    driver.findElement(By.cssSelector("figure.card img")).click();
    WebElement url = driver.findElement(By.id("detail-url"));
    Browser.await(driver, d -> url.isDisplayed());
    assertTrue(url.getAttribute("value").endsWith("/gallery/storage/images/" + first));
    assertTrue(driver.findElement(By.id("detail-metadata")).getText().contains("\"prompt\""));
    driver.findElement(By.id("detail-delete")).click();
    awaitCards(PROMPTS.length - 1);
    assertFalse(shownFilenames().contains(first));
    assertFalse(STORAGE.exists(first));
    assertRefused(404, () -> images.image(first, null));

    List<WebElement> boxes = driver.findElements(By.cssSelector("figure.card input.select"));
    boxes.get(0).click();
    boxes.get(1).click();
    driver.findElement(By.id("delete-selected")).click();
    awaitCards(PROMPTS.length - 3);
    for (String name : List.of(shown.get(1), shown.get(2))) {
      assertFalse(shownFilenames().contains(name));
      assertFalse(STORAGE.exists(name));
    }
    assertEquals(PROMPTS.length - 3, images.stats().count());
  }
}
