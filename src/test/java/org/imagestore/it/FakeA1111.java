package org.imagestore.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A stand-in for AUTOMATIC1111 started with {@code --api}: POST {@code <prefix>/sdapi/v1/txt2img}
 * answers as modules/api/api.py text2imgapi does, {@code {"images": [base64 PNG...], "parameters":
 * <the request>, "info": "<Processed.js(), a JSON text>"}}, its PNGs carrying the infotext in a
 * {@code parameters} tEXt chunk as A1111 writes it. It records what it was sent; the test switches
 * how it misbehaves.
 */
public final class FakeA1111 implements AutoCloseable {
  /** How the next calls are answered. */
  public enum Mode {
    NORMAL,
    /** A grid of the batch first, {@code index_of_first_image} 1, as with "return grid" on. */
    GRID,
    /** The normal answer after {@link #delayMillis}, within any timeout the test sets. */
    DELAYED,
    /** The normal answer after {@link #SLOW_MILLIS}, past the test's read timeout. */
    SLOW,
    /** 500 with the error JSON of A1111's api_middleware. */
    ERROR_500,
    /** 200 with a body that is not JSON (a proxy's error page). */
    GARBAGE,
    /** The second image of the batch is base64 of a GIF. */
    NOT_PNG,
    /** One image (and seed) more than the request asked for. */
    EXTRA
  }

  public static final String MODEL = "v1-5-pruned-emaonly";
  public static final String MODEL_HASH = "6ce0161689";
  public static final long SLOW_MILLIS = 4000;
  private static final String PREFIX = "/sd";

  private final HttpServer server;
  private final List<JsonObject> requests = new CopyOnWriteArrayList<>();
  private final List<JsonObject> infos = new CopyOnWriteArrayList<>();
  private final Random random = new Random();
  private volatile Mode mode = Mode.NORMAL;
  private volatile long delayMillis = 700;

  private FakeA1111(HttpServer server) {
    this.server = server;
  }

  /** Started on a free port of 127.0.0.1. */
  public static FakeA1111 start() {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      FakeA1111 fake = new FakeA1111(server);
      server.createContext(PREFIX + "/sdapi/v1/txt2img", fake::handle);
      server.setExecutor(Executors.newCachedThreadPool());
      server.start();
      return fake;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The value for {@code imagestore.sd-url}: with a path prefix, no trailing slash. */
  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + PREFIX;
  }

  public void mode(Mode mode) {
    this.mode = mode;
  }

  /** Back to normal, nothing recorded. */
  public void reset() {
    mode = Mode.NORMAL;
    requests.clear();
    infos.clear();
  }

  /** The bodies it was sent, in order. */
  public List<JsonObject> requests() {
    return List.copyOf(requests);
  }

  /** The {@code info} of each answer it sent, parsed. */
  public List<JsonObject> infos() {
    return List.copyOf(infos);
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      JsonObject request;
      try (InputStream in = exchange.getRequestBody()) {
        request = Json.createReader(in).readObject();
      }
      requests.add(request);
      Mode now = mode;
      switch (now) {
        case SLOW -> pause(SLOW_MILLIS);
        case DELAYED -> pause(delayMillis);
        default -> {}
      }
      switch (now) {
        case ERROR_500 ->
            send(
                exchange,
                500,
                "application/json",
                "{\"error\":\"OutOfMemoryError\",\"detail\":\"\",\"body\":\"\","
                    + "\"errors\":\"CUDA out of memory. Tried to allocate 2.00 GiB\"}");
        case GARBAGE ->
            send(exchange, 200, "text/html", "<html><body>502 Bad Gateway</body></html>");
        default -> send(exchange, 200, "application/json", answer(request, now).toString());
      }
    } catch (IOException e) {
      // The service gave up waiting (the slow mode): nobody reads the answer.
    }
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void send(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** What Processed.js() and text2imgapi make of a request, A1111's defaults filled in. */
  private JsonObject answer(JsonObject request, Mode now) {
    int width = request.getInt("width", 512);
    int height = request.getInt("height", 512);
    int steps = request.getInt("steps", 20);
    int batchSize = request.getInt("batch_size", 1);
    int count = batchSize * request.getInt("n_iter", 1) + (now == Mode.EXTRA ? 1 : 0);
    String prompt = request.getString("prompt", "");
    String negative = request.getString("negative_prompt", "");
    String sampler = request.getString("sampler_name", "Euler a");
    String scheduler = request.getString("scheduler", "Automatic");
    double cfg =
        request.containsKey("cfg_scale") ? request.getJsonNumber("cfg_scale").doubleValue() : 7.0;
    long seed = request.get("seed") instanceof JsonNumber n ? n.longValue() : -1;
    if (seed == -1) {
      seed = random.nextLong(1L << 32);
    }
    long subseed = random.nextLong(1L << 32);
    List<String> infotexts = new ArrayList<>();
    JsonArrayBuilder images = Json.createArrayBuilder();
    JsonArrayBuilder seeds = Json.createArrayBuilder();
    JsonArrayBuilder subseeds = Json.createArrayBuilder();
    JsonArrayBuilder prompts = Json.createArrayBuilder();
    JsonArrayBuilder negatives = Json.createArrayBuilder();
    for (int i = 0; i < count; i++) {
      String infotext =
          prompt
              + "\nNegative prompt: "
              + negative
              + "\nSteps: "
              + steps
              + ", Sampler: "
              + sampler
              + ", Schedule type: "
              + scheduler
              + ", CFG scale: "
              + cfg
              + ", Seed: "
              + (seed + i)
              + ", Size: "
              + width
              + "x"
              + height
              + ", Model hash: "
              + MODEL_HASH
              + ", Model: "
              + MODEL
              + ", Version: v1.10.1";
      infotexts.add(infotext);
      byte[] png =
          now == Mode.NOT_PNG && i == 1
              ? "GIF89a not a png at all".getBytes(StandardCharsets.ISO_8859_1)
              : png(width, height, 0x202020 + 0x101010 * i, infotext);
      images.add(Base64.getEncoder().encodeToString(png));
      seeds.add(seed + i);
      subseeds.add(subseed + i);
      prompts.add(prompt);
      negatives.add(negative);
    }
    int first = 0;
    if (now == Mode.GRID) {
      JsonArrayBuilder withGrid = Json.createArrayBuilder();
      withGrid.add(
          Base64.getEncoder().encodeToString(png(width * 2, height, 0x808080, infotexts.get(0))));
      images.build().forEach(withGrid::add);
      images = withGrid;
      infotexts.add(0, infotexts.get(0));
      first = 1;
    }
    JsonObjectBuilder info =
        Json.createObjectBuilder()
            .add("prompt", prompt)
            .add("all_prompts", prompts)
            .add("negative_prompt", negative)
            .add("all_negative_prompts", negatives)
            .add("seed", seed)
            .add("all_seeds", seeds)
            .add("subseed", subseed)
            .add("all_subseeds", subseeds)
            .add("subseed_strength", 0)
            .add("width", width)
            .add("height", height)
            .add("sampler_name", sampler)
            .add("cfg_scale", cfg)
            .add("steps", steps)
            .add("batch_size", batchSize)
            .add("restore_faces", false)
            .addNull("face_restoration_model")
            .add("sd_model_name", MODEL)
            .add("sd_model_hash", MODEL_HASH)
            .addNull("sd_vae_name")
            .addNull("sd_vae_hash")
            .add("seed_resize_from_w", -1)
            .add("seed_resize_from_h", -1)
            .addNull("denoising_strength")
            .add(
                "extra_generation_params",
                Json.createObjectBuilder().add("Schedule type", scheduler))
            .add("index_of_first_image", first)
            .add("infotexts", Json.createArrayBuilder(infotexts))
            .add("styles", Json.createArrayBuilder())
            .add("job_timestamp", "20251029101530")
            .add("clip_skip", 1)
            .add("is_using_inpainting_conditioning", false)
            .add("version", "v1.10.1");
    JsonObject builtInfo = info.build();
    infos.add(builtInfo);
    return Json.createObjectBuilder()
        .add("images", images)
        .add("parameters", request)
        .add("info", builtInfo.toString())
        .build();
  }

  /** A flat PNG from ImageIO with A1111's {@code parameters} tEXt chunk put after IHDR. */
  public static byte[] png(int width, int height, int rgb, String infotext) {
    byte[] plain = Pngs.flat(width, height, rgb);
    int afterIhdr = 8 + 8 + 13 + 4;
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    png.write(plain, 0, afterIhdr);
    Pngs.chunk(png, "tEXt", ("parameters\0" + infotext).getBytes(StandardCharsets.ISO_8859_1));
    png.write(plain, afterIhdr, plain.length - afterIhdr);
    return png.toByteArray();
  }

  /** The infotext a stored PNG carries, read back from its tEXt chunk. */
  public static String infotextOf(byte[] png) {
    String text = new String(png, StandardCharsets.ISO_8859_1);
    int start = text.indexOf("parameters\0");
    if (start < 0) {
      return null;
    }
    int length =
        ((png[start - 8] & 0xff) << 24)
            | ((png[start - 7] & 0xff) << 16)
            | ((png[start - 6] & 0xff) << 8)
            | (png[start - 5] & 0xff);
    return text.substring(start + "parameters\0".length(), start + length);
  }

  static JsonObject parse(String json) {
    return Json.createReader(new StringReader(json)).readObject();
  }
}
