package org.imagestore.it.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.imagestore.client.ImageStoreClient;
import org.imagestore.it.Deployments;
import org.imagestore.it.Pngs;
import org.imagestore.it.TestStorage;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * The gallery with {@code imagestore.auth=api-key} and private images: it asks for a key, keeps it
 * for the tab, and shows that owner's images only, loaded through their signed URLs.
 */
class GalleryAuthIT extends BrowserTestBase {
  private static final TestStorage STORAGE = Deployments.freshStorage("gallery-auth");
  private static final String ALICE = "gallery-alice-key-7d2e9f4a";
  private static final String BOB = "gallery-bob-key-1b8c3e5f";

  @Deployment(testable = false)
  static WebArchive app() {
    return Deployments.war(
        "/gallery-auth",
        STORAGE,
        Map.of(
            "imagestore.auth", "api-key",
            "imagestore.api-keys", "alice=" + ALICE + ",bob=" + BOB,
            "imagestore.admins", "bob",
            "imagestore.private-images", "true",
            "imagestore.url-signing-keys", "gallery-signing-key-0123456789abcdef"));
  }

  @Override
  protected String credentials() {
    return BOB;
  }

  @Test
  void withAKeyTheGalleryShowsThatOwnersImagesOnly() {
    ImageStoreClient alice = clientOf(deployed(), ALICE);
    List<String> alices =
        List.of(
            alice.save(Pngs.noise(40, 30, 1), null).filename(),
            alice.save(Pngs.noise(40, 30, 2), null).filename());
    String bobs = images.save(Pngs.noise(40, 30, 3), null).filename();

    driver.get(base.toString());
    Browser.await(driver, d -> d.findElement(By.id("signin")).isDisplayed());
    assertTrue(driver.findElements(By.cssSelector("figure.card")).isEmpty());

    signIn("not-a-key");
    Browser.await(driver, d -> !d.findElement(By.id("signin-error")).getText().isEmpty());

    signIn(ALICE);
    Browser.await(driver, d -> d.findElements(By.cssSelector("figure.card")).size() == 2);
    List<String> shown =
        driver.findElements(By.cssSelector("figure.card")).stream()
            .map(card -> card.getAttribute("data-filename"))
            .toList();
    assertEquals(List.of(alices.get(1), alices.get(0)), shown);
    assertFalse(shown.contains(bobs));
    // Private images: each card loads through its signed URL.
    Browser.await(driver, d -> Browser.imagesLoaded(d, "figure.card img"));
    String src = driver.findElement(By.cssSelector("figure.card img")).getAttribute("src");
    assertTrue(src.contains("expires=") && src.contains("sig="), src);
    assertEquals("2", driver.findElement(By.id("stat-count")).getText());
    assertEquals(ALICE, driver.executeScript("return sessionStorage.getItem('imagestore.token')"));

    // The key lasts for the tab: a reload shows the same images without asking again.
    driver.navigate().refresh();
    Browser.await(driver, d -> d.findElements(By.cssSelector("figure.card")).size() == 2);
    assertFalse(driver.findElement(By.id("signin")).isDisplayed());
  }

  private void signIn(String key) {
    var field = driver.findElement(By.id("token"));
    field.clear();
    field.sendKeys(key);
    driver.findElement(By.cssSelector("#signin button")).click();
  }
}
