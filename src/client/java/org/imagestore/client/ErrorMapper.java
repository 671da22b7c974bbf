package org.imagestore.client;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.ws.rs.core.Response;
import java.io.StringReader;
import java.time.Duration;
import org.eclipse.microprofile.rest.client.ext.ResponseExceptionMapper;

/**
 * Turns every 4xx and 5xx answer into an {@link ImageStoreException} with the body's {@code error}.
 * A body that is not the contract's (a front server's error page) keeps the status and says so.
 */
public class ErrorMapper implements ResponseExceptionMapper<ImageStoreException> {
  @Override
  public ImageStoreException toThrowable(Response response) {
    String body = response.hasEntity() ? response.readEntity(String.class) : "";
    return new ImageStoreException(response.getStatus(), error(body), retryAfter(response));
  }

  private static String error(String body) {
    try (var reader = Json.createReader(new StringReader(body))) {
      if (reader.readValue() instanceof JsonObject json
          && json.get("error") instanceof JsonString error) {
        return error.getString();
      }
    } catch (JsonException | IllegalStateException e) {
      // Not JSON: the answer came from something other than imagestore.
    }
    return null;
  }

  private static Duration retryAfter(Response response) {
    String seconds = response.getHeaderString("Retry-After");
    return seconds != null && seconds.matches("\\d{1,9}")
        ? Duration.ofSeconds(Long.parseLong(seconds))
        : null;
  }
}
