package org.imagestore.generate;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.imagestore.api.LimitedInputStream;
import org.imagestore.storage.Failure;
import org.imagestore.storage.ImageStoreException;
import org.imagestore.storage.StoreConfig;

/**
 * Calls the generator's {@code /sdapi/v1/txt2img} once (a POST that spent GPU time is never
 * retried) with the Jakarta REST client, which both servers ship, and reads its answer into images
 * ready to store. The answer's heap is reserved only once the generator has answered, so a
 * generation of minutes holds no budget while it runs.
 */
@ApplicationScoped
public class Generator {
  /** How much of an error answer is read, and how much of it the caller is shown. */
  private static final int ERROR_BYTES = 4096;

  private static final int ERROR_CHARS = 200;

  /** The heap an answer may hold, from the caller's budget; given back when the batch closes. */
  @FunctionalInterface
  public interface Budget {
    Held reserve(long bytes);
  }

  /** A share of the budget. */
  public interface Held extends AutoCloseable {
    @Override
    void close();
  }

  /** A call's images, holding their share of the budget until closed. */
  public record Batch(List<GeneratedImage> images, Held held) implements AutoCloseable {
    @Override
    public void close() {
      held.close();
    }
  }

  @Inject GeneratorConfig config;

  @Inject StoreConfig store;

  /** One client for every call: thread-safe, and its connections are reused. */
  private Client client;

  @PostConstruct
  void init() {
    client =
        ClientBuilder.newBuilder()
            .connectTimeout(config.connectTimeoutMillis(), TimeUnit.MILLISECONDS)
            .readTimeout(config.readTimeoutMillis(), TimeUnit.MILLISECONDS)
            .build();
  }

  @PreDestroy
  void close() {
    client.close();
  }

  public boolean enabled() {
    return config.txt2img().isPresent();
  }

  /**
   * Generates and reads the images.
   *
   * @param imageTextBytes the most bytes one image's base64 text may take, as in a save-image body
   */
  public Batch generate(Txt2ImgRequest request, long imageTextBytes, Budget budget) {
    var endpoint =
        config
            .txt2img()
            .orElseThrow(
                () ->
                    new ImageStoreException(
                        Failure.NOT_FOUND, "generate is off: imagestore.sd-url is not set"));
    long timeout = config.readTimeoutMillis();
    try (Response response =
        client
            .target(endpoint)
            .request(MediaType.APPLICATION_JSON_TYPE)
            .post(Entity.entity(request.forGenerator().toString(), MediaType.APPLICATION_JSON))) {
      if (response.getStatusInfo().getFamily() != Response.Status.Family.SUCCESSFUL) {
        throw refused(response);
      }
      // One more image than asked for: A1111 may send a grid of the batch first.
      long images = request.images() + 1L;
      long maxImageBytes = store.maxImageBytes();
      // Decoded images, plus one image's text while the JSON parser holds it (two bytes a char,
      // its buffer grown up to twice over, and the String made from it).
      Held held = budget.reserve(images * maxImageBytes + 5 * imageTextBytes);
      try {
        InputStream answer =
            new LimitedInputStream(
                response.readEntity(InputStream.class), images * imageTextBytes + 1024 * 1024);
        Txt2ImgAnswer read = Txt2ImgAnswer.read(answer, maxImageBytes, timeout);
        List<GeneratedImage> made = UsedSettings.images(read, request.metadata());
        if (made.size() > request.images()) {
          throw GeneratorFailure.badAnswer(
              "has " + made.size() + " images, more than the " + request.images() + " asked for");
        }
        return new Batch(made, held);
      } catch (RuntimeException e) {
        held.close();
        throw e;
      }
    } catch (ProcessingException e) {
      throw GeneratorFailure.of(e, "generating", timeout);
    }
  }

  /** A non-2xx answer: its status and the start of A1111's error JSON, never the whole body. */
  private static ImageStoreException refused(Response response) {
    String detail = "";
    try (InputStream body = response.readEntity(InputStream.class)) {
      String text = new String(body.readNBytes(ERROR_BYTES), StandardCharsets.UTF_8);
      detail = errorOf(text);
    } catch (Exception e) { // the status is the news; a body that cannot be read adds nothing
      detail = "";
    }
    return new ImageStoreException(
        Failure.BAD_GATEWAY,
        "the generator answered HTTP "
            + response.getStatus()
            + (detail.isEmpty() ? "" : ": " + detail));
  }

  /** A1111's error body is {"error": "<type>", "detail": ..., "errors": "<message>"}. */
  private static String errorOf(String text) {
    String detail;
    try (var reader = Json.createReader(new StringReader(text))) {
      JsonObject error = reader.readObject();
      detail =
          (error.getString("error", "")
                  + " "
                  + error.getString("errors", error.getString("detail", "")))
              .strip();
    } catch (RuntimeException e) { // not JSON, or cut short: say nothing of it
      detail = "";
    }
    return detail.length() > ERROR_CHARS ? detail.substring(0, ERROR_CHARS) + "..." : detail;
  }
}
