package org.imagestore.it.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Debian's Chromium, headless, with a fresh profile and nothing that reaches the network. */
public final class Browser {
  private Browser() {}

  public static ChromeDriver start() {
    System.setProperty("webdriver.chrome.driver", "/usr/bin/chromedriver");
    ChromeOptions options = new ChromeOptions();
    options.setBinary("/usr/bin/chromium");
    try {
      options.addArguments(
          "--headless=new",
          "--no-sandbox",
          "--disable-dev-shm-usage",
          "--disable-gpu",
          "--no-first-run",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          "--window-size=1200,800",
          "--user-data-dir=" + Files.createTempDirectory("imagestore-chromium"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChromeDriver driver = new ChromeDriver(options);
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(120));
    return driver;
  }

  public static <T> T await(WebDriver driver, Function<WebDriver, T> condition) {
    return new WebDriverWait(driver, Duration.ofSeconds(20)).until(condition);
  }

  /**
   * True once every image in the page's cards or chat has loaded with real pixels. Lazy images are
   * made eager first: scrolled past in one script, many never come into view long enough to load.
   */
  public static boolean imagesLoaded(WebDriver driver, String selector) {
    Object result =
        ((ChromeDriver) driver)
            .executeScript(
                "const images = [...document.querySelectorAll(arguments[0])];"
                    + "images.forEach(i => i.loading = 'eager');"
                    + "images.forEach(i => i.scrollIntoView());"
                    + "return images.length > 0 && images.every(i => i.complete && i.naturalWidth > 0);",
                selector);
    return Boolean.TRUE.equals(result);
  }

  /** What the page fetched under a path, by the Performance API: name, transfer and body bytes. */
  @SuppressWarnings("unchecked")
  public static List<Map<String, Object>> fetched(WebDriver driver, String pathPart) {
    return (List<Map<String, Object>>)
        ((ChromeDriver) driver)
            .executeScript(
                "return performance.getEntriesByType('resource')"
                    + ".filter(e => e.name.includes(arguments[0]))"
                    + ".map(e => ({name: e.name, transfer: e.transferSize, body: e.encodedBodySize}));",
                pathPart);
  }
}
