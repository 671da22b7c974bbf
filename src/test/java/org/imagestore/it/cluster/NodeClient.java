package org.imagestore.it.cluster;

import jakarta.json.JsonObject;
import jakarta.ws.rs.core.Response;
import java.net.MalformedURLException;
import java.net.URI;
import org.imagestore.it.ChatBackEnd;

/** The API of one server of the several, as a chat back end behind the load balancer calls it. */
final class NodeClient extends ChatBackEnd {
  NodeClient(URI base) {
    try {
      this.base = base.toURL();
    } catch (MalformedURLException e) {
      throw new IllegalArgumentException(e);
    }
  }

  @Override
  public JsonObject save(byte[] png, JsonObject metadata) {
    return super.save(png, metadata);
  }

  @Override
  public Response saveRaw(byte[] png, JsonObject metadata) {
    return super.saveRaw(png, metadata);
  }

  @Override
  public JsonObject getJson(String pathAndQuery) {
    return super.getJson(pathAndQuery);
  }

  @Override
  public JsonObject postJson(String path, String json) {
    return super.postJson(path, json);
  }

  @Override
  public Response post(String path, String json) {
    return super.post(path, json);
  }

  @Override
  public byte[] download(String url) {
    return super.download(url);
  }

  int status(String url) {
    try (Response response = CLIENT.target(absolute(url)).request().get()) {
      return response.getStatus();
    }
  }

  Response delete(String filename) {
    return target("api/delete-image/" + filename).request().delete();
  }

  void awaitReady() throws InterruptedException {
    awaitIndex();
  }
}
