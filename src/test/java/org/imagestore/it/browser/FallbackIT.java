package org.imagestore.it.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.imagestore.client.ImageQuery;
import org.imagestore.it.ChatBackEnd;
import org.imagestore.it.Deployments;
import org.imagestore.it.TestServer;
import org.imagestore.it.TestStorage;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The seed's fallback: while the server refuses uploads (its disk "full"), the demo chat keeps the
 * image inline and still shows it; once the server takes uploads again, a migration stores it.
 */
class FallbackIT extends ChatBackEnd {
  private static final TestStorage STORAGE = Deployments.freshStorage("fallback");

  @ArquillianResource Deployer deployer;

  @Deployment(name = "refusing", managed = false, testable = false)
  static WebArchive refusing() {
    return Deployments.war(
        "refusing.war",
        "/fallback",
        STORAGE,
        Map.of("imagestore.min-free-bytes", "1000000000000000000"));
  }

  @Deployment(name = "accepting", managed = false, testable = false)
  static WebArchive accepting() {
    return Deployments.war("accepting.war", "/fallback", STORAGE, Map.of());
  }

  @Test
  void theChatShowsTheImageInlineAndALaterMigrationStoresIt() throws Exception {
    ChromeDriver driver = Browser.start();
    connect(TestServer.deployedAt("/fallback"));
    String deployed = null;
    try {
      deployer.deploy("refusing");
      deployed = "refusing";
      awaitIndex();
      driver.get(base + "demo.html");
      driver.executeScript("localStorage.clear();");
      driver.findElement(By.id("generate")).click();
      WebElement status = driver.findElement(By.id("status"));
      Browser.await(driver, d -> status.getText().startsWith("kept inline"));
      WebElement image = driver.findElement(By.cssSelector("#chat img"));
      assertTrue(image.getAttribute("src").startsWith("data:image/png;base64,"));
      Browser.await(driver, d -> Browser.imagesLoaded(d, "#chat img"));
      assertEquals(List.of(), STORAGE.names());
      deployer.undeploy("refusing");
      deployed = null;

      deployer.deploy("accepting");
      deployed = "accepting";
      awaitIndex();
      driver.navigate().refresh();
      driver.findElement(By.id("migrate")).click();
      Browser.await(driver, d -> d.findElement(By.id("status")).getText().startsWith("saved 1"));
      WebElement stored = driver.findElement(By.cssSelector("#chat img"));
      assertTrue(stored.getAttribute("src").contains("/fallback/storage/images/generated_"));
      Browser.await(driver, d -> Browser.imagesLoaded(d, "#chat img"));
      assertEquals(1, images.list(ImageQuery.all()).count());
    } finally {
      driver.quit();
      if (deployed != null) {
        deployer.undeploy(deployed);
      }
    }
  }
}
