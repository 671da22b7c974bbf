package org.imagestore.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.rest.client.RestClientBuilder;
import org.imagestore.client.BearerToken;
import org.imagestore.client.ImageEntry;
import org.imagestore.client.ImageQuery;
import org.imagestore.client.ImageStoreApi;
import org.imagestore.client.ImageStoreClient;
import org.imagestore.client.ImageStoreException;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.function.Executable;

/**
 * What every test class shares: the shipped client, {@link ImageStoreClient}, as a chat back end
 * holds it, and raw HTTP for the tests about bytes and headers on the wire (or bodies the typed
 * client cannot send). {@link ImageStoreTestBase} points both at the class's deployment.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
public abstract class ChatBackEnd {
  /** Raw HTTP (Jersey): only for what the test is about on the wire. */
  protected static final Client CLIENT = ClientBuilder.newClient();

  /** One client per deployment, as an application holds one; they live as long as the JVM. */
  private static final Map<String, ImageStoreClient> CLIENTS = new ConcurrentHashMap<>();

  /** The deployment's base URL, context root included, ending in a slash. */
  protected URL base;

  /** The JSON API of the deployment, through the shipped client. */
  protected ImageStoreClient images;

  /** Points the test at a deployment. */
  protected void connect(URL deployment) {
    connect(deployment, null);
  }

  /** The same, the client sending an API key or a JWT (null: none). */
  protected void connect(URL deployment, String bearerToken) {
    base = deployment;
    images = clientOf(deployment, bearerToken);
  }

  /** The shipped client for a deployment, built as in Java SE, following redirects. */
  public static ImageStoreClient clientOf(URL deployment) {
    return clientOf(deployment, null);
  }

  /** The same, sending {@code Authorization: Bearer <bearerToken>} unless it is null. */
  public static ImageStoreClient clientOf(URL deployment, String bearerToken) {
    return CLIENTS.computeIfAbsent(
        deployment + " " + bearerToken,
        key -> {
          RestClientBuilder builder =
              RestClientBuilder.newBuilder()
                  // imagestore.s3.serve=redirect answers GETs of images with a 302 to the bucket.
                  .followRedirects(true);
          if (bearerToken != null) {
            builder.register(new BearerToken(bearerToken));
          }
          try {
            return new ImageStoreClient(
                builder.baseUri(deployment.toURI()).build(ImageStoreApi.class));
          } catch (URISyntaxException e) {
            throw new IllegalArgumentException(key, e);
          }
        });
  }

  /** A fresh deployment indexes its storage in the background; wait as a careful client would. */
  protected void awaitIndex() throws InterruptedException {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (System.nanoTime() < deadline) {
      try {
        if (images.stats().indexReady()) {
          return;
        }
      } catch (ImageStoreException e) {
        // Still deploying (404) or starting up; try again.
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the index was not ready within a minute");
  }

  /** A stored image's bytes, through the client. */
  protected byte[] bytesOf(String filename) {
    var bytes = new ByteArrayOutputStream();
    try {
      images.download(filename, bytes, null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * Asserts that a call through the client is refused with the contract's error body and this
   * status, and returns the error message.
   */
  protected static String assertRefused(int status, Executable call) {
    ImageStoreException refused = assertThrows(ImageStoreException.class, call);
    assertEquals(status, refused.status(), refused::getMessage);
    assertNotNull(refused.error(), refused::getMessage);
    return refused.error();
  }

  /** Raw HTTP to a path relative to the deployment. */
  protected WebTarget target(String path) {
    return CLIENT.target(base.toString()).path(path);
  }

  /** Raw HTTP: a JSON text posted as it is, for bodies the typed client would never send. */
  protected Response post(String path, String json) {
    return target(path).request().post(Entity.entity(json, MediaType.APPLICATION_JSON_TYPE));
  }

  /**
   * The raw save: the PNG as the body, the metadata's JSON text in {@code X-Image-Metadata}, or no
   * header for null. Non-ASCII characters go as JSON escapes, as imagestore.js sends them: Payara
   * answers a header with UTF-8 bytes with a bare 400 of its own.
   */
  protected Response saveRaw(byte[] png, String metadata) {
    var request = target("api/save-image").request();
    if (metadata != null) {
      StringBuilder ascii = new StringBuilder();
      metadata
          .chars()
          .forEach(
              c -> ascii.append(c < 0x7f ? String.valueOf((char) c) : String.format("\\u%04x", c)));
      request.header("X-Image-Metadata", ascii.toString());
    }
    return request.post(Entity.entity(png, "image/png"));
  }

  /**
   * The multipart save, as a browser form sends it: {@code image}, then {@code metadata} if any.
   */
  protected Response saveForm(byte[] png, String metadata) {
    var form = new FormBody().file("image", "generated.png", png);
    if (metadata != null) {
      form.field("metadata", metadata);
    }
    return form.post(target("api/save-image"));
  }

  /** A stored image as list-images shows it; fails if it is not on the first page. */
  protected ImageEntry listed(String filename) {
    return images.list(ImageQuery.all()).images().stream()
        .filter(image -> image.filename().equals(filename))
        .findFirst()
        .orElseThrow(() -> new AssertionError(filename + " is not listed"));
  }

  /** A URL the API returned, made absolute against the server when it is a path. */
  protected String absolute(String urlPath) {
    if (urlPath.startsWith("http://") || urlPath.startsWith("https://")) {
      return urlPath;
    }
    return base.getProtocol() + "://" + base.getHost() + ":" + base.getPort() + urlPath;
  }

  /** Asserts the contract's error body on a raw answer and returns its message. */
  protected static String assertError(Response response, int status) {
    String body = response.readEntity(String.class);
    assertEquals(status, response.getStatus(), body);
    assertEquals(
        MediaType.APPLICATION_JSON_TYPE.getSubtype(), response.getMediaType().getSubtype());
    JsonObject json = Json.createReader(new StringReader(body)).readObject();
    assertFalse(json.getBoolean("success"), body);
    assertNotNull(json.getString("error"), body);
    return json.getString("error");
  }
}
