package org.imagestore.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document at the server's {@code /openapi}: exactly the operations of the README's
 * summary table, and schemas that the server's real answers match. The deployment has a context
 * root of its own, so that the document's servers must say where it is.
 */
class OpenApiIT extends ImageStoreTestBase {
  private static final TestStorage STORAGE = Deployments.freshStorage("openapi");
  private static final String CONTEXT_ROOT = "/described";

  /** Failsafe runs in the project's folder. */
  private static final Path README = Path.of("README.md");

  private static final String ERROR_BODY = "#/components/schemas/ErrorBody";

  private URI documentUrl;
  private JsonObject document;
  private OpenApiSchema schemas;

  /** What the document's paths carry before the README's: the context root, or nothing. */
  private String pathPrefix;

  @Deployment(testable = false)
  static WebArchive app() {
    return Deployments.war(CONTEXT_ROOT, STORAGE, Map.of());
  }

  /** Both servers serve it at the root of the host, whatever the context root, as JSON if asked. */
  @BeforeEach
  void fetchDocument() {
    documentUrl = URI.create(absolute("/openapi"));
    try (Response response = CLIENT.target(documentUrl).request(MediaType.APPLICATION_JSON).get()) {
      String body = response.readEntity(String.class);
      assertEquals(200, response.getStatus(), body);
      assertTrue(response.getMediaType().isCompatible(MediaType.APPLICATION_JSON_TYPE), body);
      document = Json.createReader(new StringReader(body)).readObject();
    }
    schemas = new OpenApiSchema(document);
    pathPrefix = pathPrefix();
  }

  /**
   * The servers' path and the paths' prefix make the context root together: an operation's URL is a
   * server's URL followed by its path. Every server must have the same path.
   */
  private String pathPrefix() {
    List<String> serverPaths =
        servers().stream().map(server -> server.getPath().replaceAll("/$", "")).distinct().toList();
    assertEquals(1, serverPaths.size(), serverPaths::toString);
    String serverPath = serverPaths.get(0);
    assertTrue(CONTEXT_ROOT.startsWith(serverPath), serverPath);
    return CONTEXT_ROOT.substring(serverPath.length());
  }

  /** The servers, resolved against the document's URL; none is "/", as OpenAPI defines. */
  private List<URI> servers() {
    JsonArray servers = document.getJsonArray("servers");
    if (servers == null || servers.isEmpty()) {
      return List.of(documentUrl.resolve("/"));
    }
    return servers.getValuesAs(JsonObject.class).stream()
        .map(server -> documentUrl.resolve(server.getString("url")))
        .toList();
  }

  @Test
  void theOperationsAreExactlyTheReadmes() throws IOException {
    assertEquals(ApiSummary.fromReadme(README), ApiSummary.fromDocument(document, pathPrefix));
  }

  /**
   * WildFly 39 writes the context root into every path and serves an empty list of servers, so that
   * the paths resolve against the host the document came from. Payara keeps the file's paths and
   * writes one absolute server URL per HTTP and HTTPS listener, with the machine's host name and
   * the context root.
   */
  @Test
  void theServersAndPathsPutTheOperationsUnderTheContextRoot() {
    JsonArray servers = document.getJsonArray("servers");
    if (TestServer.name().equals("payara")) {
      assertEquals("", pathPrefix);
      for (JsonObject server : servers.getValuesAs(JsonObject.class)) {
        assertTrue(URI.create(server.getString("url")).isAbsolute(), server::toString);
      }
      assertTrue(
          servers().stream()
              .anyMatch(s -> s.getScheme().equals("http") && s.getPort() == base.getPort()),
          servers::toString);
    } else {
      assertEquals(CONTEXT_ROOT, pathPrefix);
      assertTrue(servers == null || servers.isEmpty(), () -> String.valueOf(servers));
    }
  }

  /**
   * The README: every error of the JSON API has the error body, also for unknown paths, wrong
   * methods and internal errors; the document says so with a {@code default} response. The image
   * servlet's own errors are all listed.
   */
  @Test
  void everyApiOperationAnswersOtherErrorsWithTheErrorBody() {
    document
        .getJsonObject("paths")
        .forEach(
            (path, item) -> {
              for (String method : ApiSummary.METHODS) {
                JsonObject operation = item.asJsonObject().getJsonObject(method);
                if (operation == null) {
                  continue;
                }
                JsonObject responses = operation.getJsonObject("responses");
                if (path.startsWith(pathPrefix + "/api/")) {
                  assertEquals(
                      ERROR_BODY, jsonSchema(response(responses, "default")).getString("$ref"));
                } else {
                  assertFalse(responses.containsKey("default"), method + " " + path);
                }
              }
            });
  }

  @Test
  void aSaveAnswerMatchesSavedImage() {
    try (Response response = post("api/save-image", saveBody(Pngs.flat(5, 4, 0x336699)))) {
      JsonObject saved = assertDocumented(201, "post", "/api/save-image", response);
      assertEquals(5, saved.getInt("width"));
    }
  }

  @Test
  void listAnswersMatchImageListWithAndWithoutACursor() {
    images.save(Pngs.flat(3, 3, 0x112233), null);
    images.save(Pngs.flat(3, 3, 0x445566), null);
    try (Response response = target("api/list-images").queryParam("limit", 1).request().get()) {
      JsonObject page = assertDocumented(200, "get", "/api/list-images", response);
      assertEquals(1, page.getJsonArray("images").size());
      assertTrue(page.containsKey("next_cursor"), page::toString);
    }
    try (Response response = target("api/list-images").queryParam("limit", 1000).request().get()) {
      JsonObject page = assertDocumented(200, "get", "/api/list-images", response);
      assertTrue(page.getJsonArray("images").size() >= 2, page::toString);
      assertFalse(page.containsKey("next_cursor"), page::toString);
    }
  }

  @Test
  void deleteAnswersMatchDeletedAndBatchDeleted() {
    String one = images.save(Pngs.flat(2, 2, 0x778899), null).filename();
    String other = images.save(Pngs.flat(2, 2, 0x99aabb), null).filename();
    try (Response response = target("api/delete-image/" + one).request().delete()) {
      assertDocumented(200, "delete", "/api/delete-image/{filename}", response);
    }
    String batch =
        Json.createObjectBuilder()
            .add("filenames", Json.createArrayBuilder().add(other).add("../x").add(one))
            .build()
            .toString();
    try (Response response = post("api/delete-images", batch)) {
      JsonObject deleted = assertDocumented(200, "post", "/api/delete-images", response);
      assertEquals(List.of(one), strings(deleted, "not_found"));
    }
  }

  @Test
  void statsAndReindexAnswersMatchTheirSchemas() {
    images.save(Pngs.flat(2, 2, 0x123456), null);
    try (Response response = target("api/storage-stats").request().get()) {
      assertDocumented(200, "get", "/api/storage-stats", response);
    }
    try (Response response = post("api/admin/reindex", "")) {
      assertDocumented(200, "post", "/api/admin/reindex", response);
    }
  }

  @Test
  void errorAnswersMatchErrorBody() {
    String unknown = "generated_20000101_000000_gone.png";
    try (Response response = target("api/delete-image/" + unknown).request().delete()) {
      assertDocumented(404, "delete", "/api/delete-image/{filename}", response);
    }
    try (Response response = target("api/delete-image/notes.txt").request().delete()) {
      assertDocumented(400, "delete", "/api/delete-image/{filename}", response);
    }
    try (Response response = target("api/list-images").queryParam("limit", 0).request().get()) {
      assertDocumented(400, "get", "/api/list-images", response);
    }
    try (Response response = target("storage/images/" + unknown).request().get()) {
      assertDocumented(404, "get", "/storage/images/{filename}", response);
    }
  }

  /**
   * Asserts the status, and that the JSON body matches the schema the document gives for that
   * status of that operation; returns the body.
   */
  private JsonObject assertDocumented(int status, String method, String path, Response response) {
    String body = response.readEntity(String.class);
    assertEquals(status, response.getStatus(), body);
    JsonObject responses =
        document
            .getJsonObject("paths")
            .getJsonObject(pathPrefix + path)
            .getJsonObject(method)
            .getJsonObject("responses");
    JsonObject schema = jsonSchema(response(responses, String.valueOf(status)));
    JsonObject answer = Json.createReader(new StringReader(body)).readObject();
    assertEquals(List.of(), schemas.violations(answer, schema), body);
    return answer;
  }

  /** A documented response, resolved when it is a {@code $ref} to {@code components/responses}. */
  private JsonObject response(JsonObject responses, String status) {
    JsonObject response = responses.getJsonObject(status);
    assertNotNull(response, "no response " + status + " in " + responses.keySet());
    if (!response.containsKey("$ref")) {
      return response;
    }
    String name = response.getString("$ref").replace("#/components/responses/", "");
    return document.getJsonObject("components").getJsonObject("responses").getJsonObject(name);
  }

  private static JsonObject jsonSchema(JsonObject response) {
    return response
        .getJsonObject("content")
        .getJsonObject(MediaType.APPLICATION_JSON)
        .getJsonObject("schema");
  }

  private static String saveBody(byte[] png) {
    return Json.createObjectBuilder()
        .add("image", Pngs.base64(png))
        .add("metadata", Json.createObjectBuilder().add("prompt", "described").add("steps", 20))
        .build()
        .toString();
  }

  private static List<String> strings(JsonObject object, String name) {
    return object.getJsonArray(name).getValuesAs(JsonString.class).stream()
        .map(JsonString::getString)
        .toList();
  }
}
