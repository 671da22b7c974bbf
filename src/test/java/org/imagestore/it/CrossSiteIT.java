package org.imagestore.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * State-changing requests from another site are refused before they touch anything; requests from
 * the service's own pages, from an allowed origin, and from clients that are not browser pages
 * pass. Each case is sent as a browser would send a "simple" request: {@code text/plain}.
 */
class CrossSiteIT extends ImageStoreTestBase {
  private static final TestStorage STORAGE = Deployments.freshStorage("cross-site");
  private static final String ALLOWED = "https://chat.example.com";

  /** Stands for the deployment's own origin, which is known once it is deployed. */
  private static final String OWN = "{own}";

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Deployment(testable = false)
  static WebArchive app() {
    return Deployments.war(
        "/", STORAGE, Map.of("imagestore.cors-origins", "https://other.example, " + ALLOWED));
  }

  /** A state-changing endpoint and how to tell whether it acted on the image given. */
  enum Endpoint {
    SAVE_IMAGE,
    DELETE_IMAGE,
    DELETE_IMAGES,
    REINDEX
  }

  static Stream<Arguments> cases() {
    Map<String, Map<String, String>> refused =
        Map.of(
            "cross-site", Map.of("Sec-Fetch-Site", "cross-site", "Origin", "https://evil.example"),
            "same-site", Map.of("Sec-Fetch-Site", "same-site", "Origin", "http://127.0.0.1:9999"),
            "foreign origin", Map.of("Origin", "https://evil.example"),
            "opaque origin", Map.of("Origin", "null"),
            "own origin but cross-site", Map.of("Sec-Fetch-Site", "cross-site", "Origin", OWN));
    Map<String, Map<String, String>> allowed =
        Map.of(
            "same-origin", Map.of("Sec-Fetch-Site", "same-origin", "Origin", OWN),
            "typed by the user", Map.of("Sec-Fetch-Site", "none"),
            "own origin", Map.of("Origin", OWN),
            "allowed origin", Map.of("Sec-Fetch-Site", "cross-site", "Origin", ALLOWED),
            "no browser headers", Map.of());
    return Stream.of(Endpoint.values())
        .flatMap(
            endpoint ->
                Stream.concat(
                    refused.entrySet().stream()
                        .map(c -> Arguments.of(endpoint, c.getKey(), c.getValue(), false)),
                    allowed.entrySet().stream()
                        .map(c -> Arguments.of(endpoint, c.getKey(), c.getValue(), true))));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void stateChangingRequests(
      Endpoint endpoint, String name, Map<String, String> headers, boolean passes)
      throws Exception {
    String filename = images.save(Pngs.flat(8, 8, 0x336699), null).filename();
    int imagesBefore = imagesOnDisk();
    HttpResponse<String> response = send(endpoint, filename, headers);
    if (!passes) {
      assertError(response, 403);
      assertTrue(STORAGE.exists(filename), "refused, yet the image is gone");
      assertEquals(imagesBefore, imagesOnDisk(), "refused, yet the folder changed");
      return;
    }
    int expected =
        switch (endpoint) {
          case SAVE_IMAGE -> 201;
          default -> 200;
        };
    assertEquals(expected, response.statusCode(), response.body());
    int change =
        switch (endpoint) {
          case SAVE_IMAGE -> 1;
          case DELETE_IMAGE, DELETE_IMAGES -> -1;
          case REINDEX -> 0;
        };
    assertEquals(imagesBefore + change, imagesOnDisk());
  }

  private HttpResponse<String> send(Endpoint endpoint, String filename, Map<String, String> headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        switch (endpoint) {
          case SAVE_IMAGE ->
              plainTextPost(
                  "api/save-image",
                  "{\"image\":\"" + Pngs.base64(Pngs.flat(8, 8, 0x993366)) + "\"}");
          case DELETE_IMAGE -> HttpRequest.newBuilder(uri("api/delete-image/" + filename)).DELETE();
          case DELETE_IMAGES ->
              plainTextPost("api/delete-images", "{\"filenames\":[\"" + filename + "\"]}");
          case REINDEX -> plainTextPost("api/admin/reindex", "");
        };
    String own = base.getProtocol() + "://" + base.getAuthority();
    headers.forEach((name, value) -> request.header(name, value.replace(OWN, own)));
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest.Builder plainTextPost(String path, String body) {
    return HttpRequest.newBuilder(uri(path))
        .header("Content-Type", "text/plain;charset=UTF-8")
        .POST(HttpRequest.BodyPublishers.ofString(body));
  }

  private URI uri(String path) {
    return URI.create(base + path);
  }

  private static int imagesOnDisk() {
    return (int) STORAGE.names().stream().filter(name -> name.endsWith(".png")).count();
  }

  private static void assertError(HttpResponse<String> response, int status) {
    assertEquals(status, response.statusCode(), response.body());
    assertTrue(
        response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
    var json = jakarta.json.Json.createReader(new StringReader(response.body())).readObject();
    assertEquals(false, json.getBoolean("success"));
    assertTrue(!json.getString("error").isBlank());
  }
}
