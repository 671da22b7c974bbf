package org.imagestore.it.browser;

import org.imagestore.it.ImageStoreTestBase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.openqa.selenium.chrome.ChromeDriver;

/** A class's deployment and one Chromium for all its tests. */
abstract class BrowserTestBase extends ImageStoreTestBase {
  protected static ChromeDriver driver;

  @BeforeAll
  static void startBrowser() {
    driver = Browser.start();
  }

  @AfterAll
  static void stopBrowser() {
    driver.quit();
  }
}
