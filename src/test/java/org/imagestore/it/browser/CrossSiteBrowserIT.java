package org.imagestore.it.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.imagestore.client.ImageQuery;
import org.imagestore.it.Deployments;
import org.imagestore.it.Pngs;
import org.imagestore.it.TestStorage;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * What issue 10 measured, in a real browser: a page on another site posts {@code text/plain} to
 * delete-images with {@code mode: 'no-cors'} (no preflight) and nothing is deleted. The same page
 * served from an origin in {@code imagestore.cors-origins} does delete, which shows the browser
 * really sends the request.
 */
class CrossSiteBrowserIT extends BrowserTestBase {
  private static final TestStorage STORAGE = Deployments.freshStorage("cross-site-browser");
  private static final String PAGE =
      "<!doctype html><title>loading</title><script>"
          + "const p = new URLSearchParams(location.search);"
          + "fetch(p.get('target'), {method: 'POST', mode: 'no-cors', body: p.get('body')})"
          + ".then(() => document.title = 'sent', e => document.title = 'failed ' + e);"
          + "</script>";
  private static final HttpServer FOREIGN = PageServer.serving(PAGE);
  private static final HttpServer ALLOWED = PageServer.serving(PAGE);

  @Deployment(testable = false)
  static WebArchive app() {
    return Deployments.war(
        "/",
        STORAGE,
        Map.of(
            "imagestore.cors-origins",
            "http://localhost:" + port(ALLOWED) + ", http://127.0.0.1:" + port(ALLOWED)));
  }

  @AfterAll
  static void stopPages() {
    FOREIGN.stop(0);
    ALLOWED.stop(0);
  }

  @Test
  void aPageOnAnotherSiteCannotDeleteButAnAllowedOriginCan() throws Exception {
    for (int i = 0; i < 3; i++) {
      images.save(Pngs.flat(16, 16, 0x100000 * i), null);
    }
    List<String> before = STORAGE.names();

    post(FOREIGN, "{\"older_than_days\": 0}");
    assertEquals(before, STORAGE.names(), "a cross-site page deleted images");
    assertEquals(3, images.list(ImageQuery.all()).count());

    String victim = before.stream().filter(name -> name.endsWith(".png")).findFirst().orElseThrow();
    post(ALLOWED, "{\"filenames\": [\"" + victim + "\"]}");
    assertFalse(STORAGE.exists(victim), "the allowed origin's request never came");
    assertEquals(2, images.list(ImageQuery.all()).count());
  }

  /** Opens the page on {@code server} and waits until its no-cors POST has been answered. */
  private void post(HttpServer server, String body) {
    // localhost and 127.0.0.1 are different sites to the browser.
    String host = base.getHost().equals("localhost") ? "127.0.0.1" : "localhost";
    String target = base + "api/delete-images";
    driver.get(
        "http://"
            + host
            + ":"
            + port(server)
            + "/page.html?target="
            + URLEncoder.encode(target, StandardCharsets.UTF_8)
            + "&body="
            + URLEncoder.encode(body, StandardCharsets.UTF_8));
    String title = Browser.await(driver, d -> d.getTitle().equals("loading") ? null : d.getTitle());
    assertTrue(title.equals("sent"), title);
  }

  private static int port(HttpServer server) {
    return server.getAddress().getPort();
  }
}
