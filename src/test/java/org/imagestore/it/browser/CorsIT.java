package org.imagestore.it.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
 * A chat page on another origin calling the API with its API key ({@code imagestore.cors-origins}):
 * the preflight's answer, then the real thing in Chromium, from an origin that is listed and from
 * one that is not.
 */
class CorsIT extends BrowserTestBase {
  private static final TestStorage STORAGE = Deployments.freshStorage("cors");
  private static final String KEY = "cors-alice-key-3e9b1c7d";
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  /** Lists with the key, then deletes the first image; the title says what the page could read. */
  private static final String PAGE =
      "<!doctype html><title>loading</title><script>"
          + "const p = new URLSearchParams(location.search);"
          + "const auth = {Authorization: 'Bearer ' + p.get('key')};"
          + "(async () => {"
          + "  const list = await (await fetch(p.get('api') + 'list-images', {headers: auth})).json();"
          + "  const gone = await fetch(p.get('api') + 'delete-images', {method: 'POST',"
          + "    headers: {...auth, 'Content-Type': 'application/json'},"
          + "    body: JSON.stringify({filenames: [list.images[0].filename]})});"
          + "  document.title = 'listed ' + list.count + ', deleted ' + (await gone.json()).deleted;"
          + "})().catch(e => document.title = 'failed ' + e.name);"
          + "</script>";

  private static final HttpServer ALLOWED = PageServer.serving(PAGE);
  private static final HttpServer FOREIGN = PageServer.serving(PAGE);

  @Deployment(testable = false)
  static WebArchive app() {
    return Deployments.war(
        "/cors",
        STORAGE,
        Map.of(
            "imagestore.auth",
            "api-key",
            "imagestore.api-keys",
            "alice=" + KEY,
            "imagestore.admins",
            "alice",
            "imagestore.cors-origins",
            origin(ALLOWED)));
  }

  @Override
  protected String credentials() {
    return KEY;
  }

  @AfterAll
  static void stopPages() {
    ALLOWED.stop(0);
    FOREIGN.stop(0);
  }

  @Test
  void aPreflightFromAListedOriginIsAnsweredAndOneFromAnotherGetsNoCorsHeaders() throws Exception {
    HttpResponse<String> allowed = preflight(origin(ALLOWED));
    assertEquals(204, allowed.statusCode());
    assertEquals(origin(ALLOWED), header(allowed, "Access-Control-Allow-Origin"));
    assertTrue(header(allowed, "Access-Control-Allow-Methods").contains("POST"));
    assertTrue(header(allowed, "Access-Control-Allow-Methods").contains("DELETE"));
    String headers = header(allowed, "Access-Control-Allow-Headers");
    assertTrue(headers.contains("Authorization") && headers.contains("Content-Type"), headers);
    assertTrue(allowed.headers().allValues("Vary").contains("Origin"));

    HttpResponse<String> refused = preflight(origin(FOREIGN));
    assertNull(header(refused, "Access-Control-Allow-Origin"));
    assertNull(header(refused, "Access-Control-Allow-Methods"));
    assertTrue(refused.headers().allValues("Vary").contains("Origin"));
  }

  @Test
  void aPageOnAListedOriginCallsTheApiWithItsKeyAndAnotherCannotReadAnything() {
    images.save(Pngs.flat(9, 9, 0x123456), null);
    images.save(Pngs.flat(9, 9, 0x654321), null);

    open(FOREIGN);
    assertEquals("failed TypeError", Browser.await(driver, CorsIT::finished));
    assertEquals(2, STORAGE.images().size(), "the unlisted origin deleted an image");

    open(ALLOWED);
    assertEquals("listed 2, deleted 1", Browser.await(driver, CorsIT::finished));
    assertEquals(1, STORAGE.images().size());
    assertEquals(1, images.list(ImageQuery.all()).count());
  }

  private void open(HttpServer page) {
    String api = base + "api/";
    driver.get(
        origin(page)
            + "/page.html?api="
            + URLEncoder.encode(api, StandardCharsets.UTF_8)
            + "&key="
            + KEY);
  }

  private static String finished(org.openqa.selenium.WebDriver driver) {
    return driver.getTitle().equals("loading") ? null : driver.getTitle();
  }

  private HttpResponse<String> preflight(String origin) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(base + "api/delete-images"))
            .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
            .header("Origin", origin)
            .header("Access-Control-Request-Method", "POST")
            .header("Access-Control-Request-Headers", "authorization, content-type")
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String header(HttpResponse<?> response, String name) {
    return response.headers().firstValue(name).orElse(null);
  }

  /** The pages' origins are 127.0.0.1 on their own ports; imagestore is on localhost. */
  private static String origin(HttpServer server) {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }
}
