package org.imagestore.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The headers an HTTP linter checks: a Date on every answer, no server or version disclosed, API
 * answers never stored by caches, pages kept but revalidated.
 */
class HeadersIT extends ImageStoreTestBase {
  private static final TestStorage STORAGE = Deployments.freshStorage("headers");
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Deployment(testable = false)
  static WebArchive app() {
    return Deployments.war("/", STORAGE, Map.of());
  }

  @Test
  void aServedImageHasOneDateAndNamesNoServer() throws Exception {
    String url = absolute(images.save(Pngs.flat(16, 16, 0x102030), null).url());
    HttpResponse<byte[]> image = get(url, Map.of());
    assertEquals(200, image.statusCode());
    assertOneDate(image);
    assertNoDisclosure(image);
    String etag = image.headers().firstValue("ETag").orElseThrow();
    HttpResponse<byte[]> notModified = get(url, Map.of("If-None-Match", etag));
    assertEquals(304, notModified.statusCode());
    assertOneDate(notModified);
    assertNoDisclosure(notModified);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"api/list-images", "api/storage-stats", "api/nothing-here", "api/list-images?x=1"})
  void apiAnswersAreNeverStored(String path) throws Exception {
    HttpResponse<byte[]> response = get(base + path, Map.of());
    assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(null), path);
    assertOneDate(response);
    assertNoDisclosure(response);
  }

  @Test
  void saveAnswersAndImageErrorsAreNeverStoredEither() throws Exception {
    HttpResponse<byte[]> saved =
        post(
            base + "api/save-image",
            Map.of("Content-Type", "application/json"),
            "{\"image\":\"" + Pngs.base64(Pngs.flat(8, 8, 0x405060)) + "\"}");
    assertEquals(201, saved.statusCode());
    assertEquals("no-store", saved.headers().firstValue("Cache-Control").orElse(null));
    HttpResponse<byte[]> missing =
        get(base + "storage/images/generated_20000101_000000_none.png", Map.of());
    assertEquals(404, missing.statusCode());
    assertEquals("no-store", missing.headers().firstValue("Cache-Control").orElse(null));
    assertOneDate(missing);
  }

  @Test
  void aFiltersRefusalHasADateToo() throws Exception {
    HttpResponse<byte[]> crossSite =
        post(base + "api/admin/reindex", Map.of("Sec-Fetch-Site", "cross-site"), "");
    assertEquals(403, crossSite.statusCode());
    assertOneDate(crossSite);
    assertEquals("no-store", crossSite.headers().firstValue("Cache-Control").orElse(null));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", "index.html", "demo.html", "gallery.js", "imagestore.js", "gallery.css"})
  void pagesAreRevalidatedEveryTime(String page) throws Exception {
    HttpResponse<byte[]> response = get(base + page, Map.of());
    assertEquals(200, response.statusCode(), page);
    assertEquals("no-cache", response.headers().firstValue("Cache-Control").orElse(null), page);
    assertEquals(
        "default-src 'self'; img-src 'self' data: blob:; object-src 'none'; base-uri 'none';"
            + " frame-ancestors 'self'; form-action 'self'",
        response.headers().firstValue("Content-Security-Policy").orElse(null),
        page);
    assertOneDate(response);
    assertNoDisclosure(response);
    String etag = response.headers().firstValue("ETag").orElse(null);
    String lastModified = response.headers().firstValue("Last-Modified").orElse(null);
    assertTrue(etag != null || lastModified != null, "no validator on " + page);
    HttpResponse<byte[]> again =
        get(
            base + page,
            etag != null
                ? Map.of("If-None-Match", etag)
                : Map.of("If-Modified-Since", lastModified));
    assertEquals(304, again.statusCode(), page);
  }

  private static HttpResponse<byte[]> get(String url, Map<String, String> headers)
      throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(URI.create(url)).GET(), headers);
  }

  private static HttpResponse<byte[]> post(String url, Map<String, String> headers, String body)
      throws IOException, InterruptedException {
    return send(
        HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(body)),
        headers);
  }

  private static HttpResponse<byte[]> send(HttpRequest.Builder request, Map<String, String> headers)
      throws IOException, InterruptedException {
    headers.forEach(request::header);
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static void assertOneDate(HttpResponse<?> response) {
    List<String> dates = response.headers().allValues("Date");
    assertEquals(1, dates.size(), () -> "Date headers: " + dates + " on " + response.uri());
    assertNotNull(java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.parse(dates.get(0)));
  }

  /** No X-Powered-By at all, and no version in a Server header. */
  private static void assertNoDisclosure(HttpResponse<?> response) {
    assertNull(
        response.headers().firstValue("X-Powered-By").orElse(null),
        () -> "X-Powered-By on " + response.uri());
    response
        .headers()
        .firstValue("Server")
        .ifPresent(
            server ->
                assertFalse(
                    server.matches(".*\\d.*"), "Server: " + server + " on " + response.uri()));
  }
}
