package org.imagestore.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.imagestore.client.SaveImage;
import org.imagestore.client.SavedImage;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** POST /api/save-image on the default settings, at context root "/". */
class SaveImageIT extends ImageStoreTestBase {
  private static final TestStorage STORAGE = Deployments.freshStorage("save");
  private static final String NAME_PATTERN = "generated_\\d{8}_\\d{6}(_[A-Za-z0-9]+)?\\.png";
  private static final byte[] SMALL = Pngs.flat(64, 48, 0x336699);

  @Deployment(testable = false)
  static WebArchive app() {
    return Deployments.war("/", STORAGE, Map.of());
  }

  @Test
  void savesThePngAndItsMetadataAndAnswersWithTheUrl() throws Exception {
    byte[] png = Pngs.noise(768, 768, 1);
    JsonObject metadata =
        Json.createObjectBuilder()
            .add("prompt", "beautiful landscape, mountains, sunset")
            .add("negative_prompt", "bad quality, blurry")
            .add("width", 768)
            .add("height", 768)
            .add("steps", 20)
            .add("cfg_scale", 7.5)
            .add("sampler_name", "DPM++ 2M Karras")
            .add("model", "AnythingV4_v45")
            .add("source", "text2image_tool")
            .add("custom", Json.createObjectBuilder().add("seed", 1234567890123L))
            .build();

    SavedImage saved = images.save(png, metadata);
    String filename = saved.filename();
    assertTrue(saved.success());
    assertTrue(filename.matches(NAME_PATTERN), filename);
    assertEquals("/storage/images/" + filename, saved.url());
    assertEquals(png.length, saved.size());
    assertEquals(768, saved.width());
    assertEquals(768, saved.height());
    assertNull(saved.path(), "the server path is not exposed by default");
    OffsetDateTime created = OffsetDateTime.parse(saved.createdAt());
    assertTrue(created.isAfter(OffsetDateTime.now().minusMinutes(5)));

    assertArrayEquals(png, STORAGE.read(filename));
    JsonObject sidecar = STORAGE.readJson(filename.replace(".png", ".json"));
    assertEquals(filename, sidecar.getString("filename"));
    assertEquals(saved.createdAt(), sidecar.getString("created_at"));
    assertEquals(metadata, sidecar.getJsonObject("metadata"));
    assertArrayEquals(png, bytesOf(filename));
  }

  /** The Location header is not in the client's answer: read it on the wire. */
  @Test
  void theLocationHeaderIsTheImagesAbsoluteUrl() {
    String body = Json.createObjectBuilder().add("image", Pngs.base64(SMALL)).build().toString();
    try (Response response = post("api/save-image", body)) {
      assertEquals(201, response.getStatus());
      String url = response.readEntity(JsonObject.class).getString("url");
      assertEquals(absolute(url), response.getLocation().toString());
    }
  }

  @Test
  void widthAndHeightComeFromTheBytesNotTheClient() {
    SavedImage saved =
        images.save(
            SMALL, Json.createObjectBuilder().add("width", 4096).add("height", 4096).build());
    assertEquals(64, saved.width());
    assertEquals(48, saved.height());
    assertEquals(SMALL.length, saved.size());
  }

  @Test
  void sourceDefaultsToManualAndMetadataIsOptional() throws Exception {
    SavedImage saved = images.save(SMALL, null);
    JsonObject sidecar = STORAGE.readJson(saved.filename().replace(".png", ".json"));
    assertEquals(
        Json.createObjectBuilder().add("source", "manual").build(),
        sidecar.getJsonObject("metadata"));
  }

  @Test
  void acceptsADataUrlWithLineBreaksPostedAsPlainText() {
    String base64 = Pngs.base64(SMALL);
    StringBuilder wrapped = new StringBuilder("data:image/png;base64,");
    for (int i = 0; i < base64.length(); i += 76) {
      wrapped.append(base64, i, Math.min(base64.length(), i + 76)).append("\r\n");
    }
    String body = Json.createObjectBuilder().add("image", wrapped.toString()).build().toString();
    // A browser's fetch() with a string body and no headers sends text/plain.
    try (Response response =
        target("api/save-image").request().post(Entity.entity(body, MediaType.TEXT_PLAIN))) {
      assertEquals(201, response.getStatus());
      String filename = response.readEntity(JsonObject.class).getString("filename");
      assertArrayEquals(SMALL, bytesOf(filename));
    }
  }

  /** Bodies the typed client never sends: not JSON, or JSON of the wrong shape. */
  static Stream<Arguments> malformedBodies() {
    String png = Pngs.base64(SMALL);
    return Stream.of(
        Arguments.of("null image", "{\"image\":null}", 400),
        Arguments.of("image not a string", "{\"image\":42}", 400),
        Arguments.of("body not JSON", "image=" + png, 400),
        Arguments.of("truncated JSON", "{\"image\":\"" + png, 400),
        Arguments.of("JSON array", "[\"" + png + "\"]", 400),
        Arguments.of("empty body", "", 400),
        Arguments.of("metadata an array", "{\"image\":\"" + png + "\",\"metadata\":[1]}", 400),
        Arguments.of("metadata a string", "{\"image\":\"" + png + "\",\"metadata\":\"x\"}", 400));
  }

  @ParameterizedTest(name = "{0} -> {2}")
  @MethodSource("malformedBodies")
  void aMalformedBodyGetsAJsonErrorAndWritesNothing(String what, String body, int status) {
    List<String> before = STORAGE.names();
    try (Response response = post("api/save-image", body)) {
      assertError(response, status);
    }
    assertEquals(before, STORAGE.names(), what + " left files behind");
  }

  /** Well-formed requests the client sends, with an image or metadata the server refuses. */
  static Stream<Arguments> badImages() {
    String png = Pngs.base64(SMALL);
    byte[] truncated = Arrays.copyOf(SMALL, SMALL.length - 20);
    byte[] badCrc = SMALL.clone();
    badCrc[30] ^= 0x55;
    return Stream.of(
        Arguments.of("no image", new SaveImage(null, JsonObject.EMPTY_JSON_OBJECT), 400),
        Arguments.of("empty image", new SaveImage("", null), 400),
        Arguments.of("invalid base64", new SaveImage("not*base64!!", null), 400),
        Arguments.of("bad data URL", new SaveImage("data:image/png," + png, null), 400),
        Arguments.of("JPEG data URL", new SaveImage("data:image/jpeg;base64," + png, null), 415),
        Arguments.of(
            "not a PNG",
            new SaveImage(Pngs.base64("GIF89a not a png".getBytes(StandardCharsets.UTF_8)), null),
            415),
        Arguments.of("truncated PNG", new SaveImage(Pngs.base64(truncated), null), 400),
        Arguments.of("PNG with a bad CRC", new SaveImage(Pngs.base64(badCrc), null), 400),
        Arguments.of(
            "metadata over 64K characters",
            new SaveImage(png, Json.createObjectBuilder().add("p", "x".repeat(70_000)).build()),
            413),
        Arguments.of(
            "decompression bomb", new SaveImage(Pngs.base64(Pngs.bomb(50_000)), null), 413));
  }

  @ParameterizedTest(name = "{0} -> {2}")
  @MethodSource("badImages")
  void badInputIsRefusedAndWritesNothing(String what, SaveImage request, int status) {
    List<String> before = STORAGE.names();
    assertRefused(status, () -> images.save(request));
    assertEquals(before, STORAGE.names(), what + " left files behind");
  }

  @Test
  void anImageOverTheDefault20MiBIsRefusedWith413() {
    byte[] big = new byte[21 * 1024 * 1024];
    new java.util.Random(7).nextBytes(big);
    List<String> before = STORAGE.names();
    assertRefused(413, () -> images.save(big, null));
    assertEquals(before, STORAGE.names());
  }

  @Test
  void aBodyCutOffMidwayLeavesNoFile() {
    String json = Json.createObjectBuilder().add("image", Pngs.base64(SMALL)).build().toString();
    byte[] half = Arrays.copyOf(json.getBytes(StandardCharsets.US_ASCII), json.length() / 2);
    String head =
        "POST /api/save-image HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
            + "Content-Length: "
            + json.length()
            + "\r\nConnection: close\r\n\r\n";
    List<String> before = STORAGE.names();
    RawHttp.Reply reply = RawHttp.send(base, head, half, true);
    assertTrue(reply.status() == 0 || reply.status() >= 400, reply.text());
    assertEquals(before, STORAGE.names());
  }

  /** One client shared by forty threads, as an application shares it. */
  @Test
  void fortyConcurrentSavesGetFortyNamesEachServedIntact() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(40);
    try {
      List<byte[]> pngs = new ArrayList<>();
      List<Callable<SavedImage>> saves = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        byte[] png = Pngs.noise(32, 32, 100 + i);
        pngs.add(png);
        saves.add(() -> images.save(png, null));
      }
      List<Future<SavedImage>> results = pool.invokeAll(saves);
      Set<String> names = new HashSet<>();
      for (int i = 0; i < 40; i++) {
        SavedImage saved = results.get(i).get();
        names.add(saved.filename());
        assertArrayEquals(pngs.get(i), bytesOf(saved.filename()));
        assertArrayEquals(pngs.get(i), STORAGE.read(saved.filename()));
      }
      assertEquals(40, names.size());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void noTempFilesAreLeftAfterSaves() {
    images.save(SMALL, null);
    assertTrue(
        STORAGE.names().stream()
            .allMatch(n -> n.matches("generated_\\d{8}_\\d{6}_\\w+\\.(png|json)")),
        STORAGE.names().toString());
  }
}
