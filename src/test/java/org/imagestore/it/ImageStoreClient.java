package org.imagestore.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URL;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What every test class shares: a JAX-RS client as a chat back end would use, and small helpers to
 * save and fetch images. {@link ImageStoreTestBase} points it at the class's deployment.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
public abstract class ImageStoreClient {
  protected static final Client CLIENT = ClientBuilder.newClient();

  /** The deployment's base URL, context root included, ending in a slash. */
  protected URL base;

  /** A fresh deployment indexes its folder in the background; wait as a careful client would. */
  protected void awaitIndex() throws InterruptedException {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (System.nanoTime() < deadline) {
      try (Response stats = target("api/storage-stats").request().get()) {
        if (stats.getStatus() == 200
            && stats.readEntity(JsonObject.class).getBoolean("index_ready")) {
          return;
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the index was not ready within a minute");
  }

  protected WebTarget target(String path) {
    return CLIENT.target(base.toString()).path(path);
  }

  protected Response post(String path, String json) {
    return target(path).request().post(Entity.entity(json, MediaType.APPLICATION_JSON_TYPE));
  }

  protected Response saveRaw(byte[] png, JsonObject metadata) {
    var body = Json.createObjectBuilder().add("image", Pngs.base64(png));
    if (metadata != null) {
      body.add("metadata", metadata);
    }
    return post("api/save-image", body.build().toString());
  }

  /** Saves and returns the save-image answer, asserting the 201. */
  protected JsonObject save(byte[] png, JsonObject metadata) {
    try (Response response = saveRaw(png, metadata)) {
      assertEquals(201, response.getStatus(), () -> response.readEntity(String.class));
      return response.readEntity(JsonObject.class);
    }
  }

  protected byte[] download(String url) {
    try (Response response = CLIENT.target(absolute(url)).request().get()) {
      assertEquals(200, response.getStatus());
      return response.readEntity(byte[].class);
    }
  }

  /** A URL the API returned, made absolute against the server when it is a path. */
  protected String absolute(String urlPath) {
    if (urlPath.startsWith("http://") || urlPath.startsWith("https://")) {
      return urlPath;
    }
    return base.getProtocol() + "://" + base.getHost() + ":" + base.getPort() + urlPath;
  }

  /** Asserts the contract's error body and returns its message. */
  protected static String assertError(Response response, int status) {
    String body = response.readEntity(String.class);
    assertEquals(status, response.getStatus(), body);
    assertEquals(
        MediaType.APPLICATION_JSON_TYPE.getSubtype(), response.getMediaType().getSubtype());
    JsonObject json = Json.createReader(new java.io.StringReader(body)).readObject();
    assertFalse(json.getBoolean("success"), body);
    assertNotNull(json.getString("error"), body);
    return json.getString("error");
  }

  /** GETs a path relative to the deployment, query string included. */
  protected JsonObject getJson(String pathAndQuery) {
    try (Response response = CLIENT.target(base + pathAndQuery).request().get()) {
      assertEquals(200, response.getStatus());
      return response.readEntity(JsonObject.class);
    }
  }

  protected JsonObject postJson(String path, String json) {
    try (Response response = post(path, json)) {
      assertEquals(200, response.getStatus());
      return response.readEntity(JsonObject.class);
    }
  }
}
