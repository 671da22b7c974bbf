package org.imagestore.it.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import java.util.Map;
import org.imagestore.client.ImageQuery;
import org.imagestore.it.Deployments;
import org.imagestore.it.Pngs;
import org.imagestore.it.TestStorage;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/** imagestore.js's compactLocalStorage on a chat session holding megabytes of base64. */
class MigrationIT extends BrowserTestBase {
  private static final TestStorage STORAGE = Deployments.freshStorage("migration");
  private static final String KEY = "imagestore-demo-chat";

  @Deployment(testable = false)
  static WebArchive app() {
    return Deployments.war("/chat", STORAGE, Map.of());
  }

  private static String dataUrl(int seed) {
    // 500x500 noise: about 750 KB of PNG, 1 MB of base64. Three of them plus a repeat stay under
    // Chromium's 5 million character quota; three full 1.7 MB images would not (the seed's
    // problem).
    return "data:image/png;base64," + Pngs.base64(Pngs.noise(500, 500, seed));
  }

  @Test
  void aSessionShrinksByOver99PercentAndEachImageIsStoredOnce() {
    String a = dataUrl(1);
    String b = dataUrl(2);
    String c = dataUrl(3);
    String small = "data:image/png;base64," + Pngs.base64(Pngs.flat(16, 16, 0x00ff00));
    String session =
        Json.createArrayBuilder()
            .add(
                Json.createObjectBuilder()
                    .add("role", "user")
                    .add("text", "draw a fox")
                    .add("image", ""))
            .add(
                Json.createObjectBuilder()
                    .add("role", "assistant")
                    .add("text", "fox")
                    .add("image", a))
            .add(
                Json.createObjectBuilder()
                    .add("role", "assistant")
                    .add("text", "lake")
                    .add("image", b)
                    .add("html", "<p>the fox again</p><img src=\"" + a + "\" alt=\"fox\">"))
            .add(
                Json.createObjectBuilder()
                    .add("role", "assistant")
                    .add("text", "city")
                    .add("image", c)
                    .add("markdown", "a sketch first: ![sketch](" + small + ")"))
            .build()
            .toString();
    driver.get(base + "demo.html");
    driver.executeScript("localStorage.setItem(arguments[0], arguments[1]);", KEY, session);

    @SuppressWarnings("unchecked")
    Map<String, Object> report =
        (Map<String, Object>)
            driver.executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                    + "import(arguments[0]).then(m => m.compactLocalStorage(arguments[1]))"
                    + ".then(done, e => done({error: String(e)}));",
                base + "imagestore.js",
                KEY);
    long before = ((Number) report.get("bytesBefore")).longValue();
    long after = ((Number) report.get("bytesAfter")).longValue();
    System.out.printf(
        "localStorage session: %,d bytes before, %,d after migration%n", before, after);
    assertEquals(4L, ((Number) report.get("saved")).longValue(), report.toString());
    assertEquals(0L, ((Number) report.get("failed")).longValue(), report.toString());
    assertTrue(after * 100 <= before, report.toString());
    assertEquals(4, images.list(ImageQuery.all()).count(), "the repeated image was stored once");

    String stored =
        (String) driver.executeScript("return localStorage.getItem(arguments[0]);", KEY);
    assertFalse(stored.contains("base64"), stored);
    assertTrue(stored.contains("<img src=\\\"/chat/storage/images/generated_"), stored);
    assertTrue(stored.contains("![sketch](/chat/storage/images/generated_"), stored);

    driver.navigate().refresh();
    Browser.await(driver, d -> Browser.imagesLoaded(d, "#chat img[src*='/storage/images/']"));
    assertEquals(
        3, driver.findElements(org.openqa.selenium.By.cssSelector("#chat img.stored")).size());
  }
}
