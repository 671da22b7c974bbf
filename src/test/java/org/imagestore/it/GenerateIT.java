package org.imagestore.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.imagestore.client.ImageEntry;
import org.imagestore.client.ImageQuery;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * POST /api/generate against a stand-in AUTOMATIC1111 ({@link FakeA1111}): the images it makes are
 * stored with what it really used; whatever goes wrong with it, nothing is stored.
 */
class GenerateIT extends ImageStoreTestBase {
  private static final TestStorage STORAGE = Deployments.freshStorage("generate");
  private static final FakeA1111 SD = FakeA1111.start();
  private static final String NAME_PATTERN = "generated_\\d{8}_\\d{6}(_[A-Za-z0-9]+)?\\.png";

  @Deployment(testable = false)
  static WebArchive app() {
    return Deployments.war(
        "/",
        STORAGE,
        Map.of("imagestore.sd-url", SD.url(), "imagestore.sd-timeout-millis", "1500"));
  }

  @AfterAll
  static void stopGenerator() {
    SD.close();
  }

  @BeforeEach
  void normalGenerator() {
    SD.reset();
  }

  @Test
  void storesTheImageWithTheSeedTheGeneratorUsed() throws Exception {
    String body =
        """
        {"prompt": "a red fox in the snow", "negative_prompt": "blurry", "seed": -1,
         "steps": 25, "cfg_scale": 6.5, "width": 64, "height": 48, "sampler_name": "DPM++ 2M",
         "scheduler": "Karras", "override_settings": {"CLIP_stop_at_last_layers": 2},
         "alwayson_scripts": {}, "metadata": {"source": "chat", "chat_id": "c-42",
         "seed": -1, "prompt": "what the user typed"}}
        """;
    JsonObject answer;
    try (Response response = post("api/generate", body)) {
      assertEquals(201, response.getStatus());
      answer = response.readEntity(JsonObject.class);
    }
    assertTrue(answer.getBoolean("success"));
    JsonObject saved = answer.getJsonArray("images").getJsonObject(0);
    String filename = saved.getString("filename");
    assertTrue(filename.matches(NAME_PATTERN), filename);
    assertEquals("/storage/images/" + filename, saved.getString("url"));
    assertEquals(64, saved.getInt("width"));
    assertEquals(48, saved.getInt("height"));

    JsonObject sent = SD.requests().get(0);
    assertFalse(sent.containsKey("metadata"), "imagestore's metadata is not the generator's");
    assertEquals(2, sent.getJsonObject("override_settings").getInt("CLIP_stop_at_last_layers"));
    assertEquals(JsonValue.EMPTY_JSON_OBJECT, sent.getJsonObject("alwayson_scripts"));
    assertEquals("Karras", sent.getString("scheduler"));

    JsonObject info = SD.infos().get(0);
    long seed = info.getJsonArray("all_seeds").getJsonNumber(0).longValue();
    JsonObject metadata = listed(filename).metadata();
    assertEquals(seed, metadata.getJsonNumber("seed").longValue());
    assertNotEquals(-1, seed);
    assertEquals("a red fox in the snow", metadata.getString("prompt"));
    assertEquals("blurry", metadata.getString("negative_prompt"));
    assertEquals(FakeA1111.MODEL, metadata.getString("model"));
    assertEquals(FakeA1111.MODEL, metadata.getString("sd_model_name"));
    assertEquals(FakeA1111.MODEL_HASH, metadata.getString("sd_model_hash"));
    assertEquals("DPM++ 2M", metadata.getString("sampler_name"));
    assertEquals(25, metadata.getInt("steps"));
    assertEquals(6.5, metadata.getJsonNumber("cfg_scale").doubleValue());
    assertEquals("chat", metadata.getString("source"));
    assertEquals("c-42", metadata.getString("chat_id"));
    assertEquals(info.getJsonArray("all_subseeds").get(0), metadata.get("subseed"));
    String infotext = info.getJsonArray("infotexts").getString(0);
    assertEquals(infotext, metadata.getString("parameters"));
    assertTrue(infotext.contains("Seed: " + seed), infotext);
    assertEquals(
        infotext, FakeA1111.infotextOf(STORAGE.read(filename)), "the PNG is stored as made");
  }

  @Test
  void aBatchOfFourIsFourImagesWithFourSeeds() throws InterruptedException {
    long before = images.list(ImageQuery.all()).count();
    long logStart = TestServer.logLength();
    String body =
        """
        {"prompt": "lighthouse", "seed": 1000, "batch_size": 2, "n_iter": 2,
         "width": 32, "height": 32}
        """;
    JsonObject answer;
    try (Response response = post("api/generate", body)) {
      assertEquals(201, response.getStatus());
      answer = response.readEntity(JsonObject.class);
    }
    List<String> names =
        answer.getJsonArray("images").getValuesAs(JsonObject.class).stream()
            .map(saved -> saved.getString("filename"))
            .toList();
    assertEquals(4, names.size());
    assertEquals(before + 4, images.list(ImageQuery.all()).count());
    Set<Long> seeds =
        names.stream()
            .map(name -> listed(name).metadata().getJsonNumber("seed").longValue())
            .collect(Collectors.toSet());
    assertEquals(Set.of(1000L, 1001L, 1002L, 1003L), seeds);
    List<ImageEntry> byModel = images.list(ImageQuery.all().model(FakeA1111.MODEL)).images();
    assertTrue(byModel.stream().map(ImageEntry::filename).toList().containsAll(names));
    // One audit line per image; servers write the log a little late.
    String log = TestServer.awaitLog(logStart, text -> names.stream().allMatch(text::contains));
    for (String name : names) {
      assertTrue(
          log.lines()
              .anyMatch(
                  l ->
                      l.contains("imagestore-audit")
                          && l.contains("\"generate\"")
                          && l.contains(name)),
          name + " has no audit line");
    }
  }

  @Test
  void metadataTooLargeToStoreIsRefusedBeforeTheGeneratorWorks() {
    String body = "{\"prompt\": \"x\", \"metadata\": {\"note\": \"" + "n".repeat(40_000) + "\"}}";
    assertNothingStored(() -> assertError(post("api/generate", body), 413));
    assertEquals(List.of(), SD.requests());
  }

  @Test
  void theGridOfABatchIsNotStored() {
    SD.mode(FakeA1111.Mode.GRID);
    String body = "{\"prompt\": \"pair\", \"batch_size\": 2, \"width\": 16, \"height\": 16}";
    try (Response response = post("api/generate", body)) {
      assertEquals(201, response.getStatus());
      var saved = response.readEntity(JsonObject.class).getJsonArray("images");
      assertEquals(2, saved.size(), "the 32x16 grid is left out");
      saved.getValuesAs(JsonObject.class).forEach(image -> assertEquals(16, image.getInt("width")));
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"prompt\": \"x\", \"width\": 4096}",
        "{\"prompt\": \"x\", \"height\": 2049}",
        "{\"prompt\": \"x\", \"steps\": 151}",
        "{\"prompt\": \"x\", \"batch_size\": 3, \"n_iter\": 3}",
        "{\"prompt\": \"x\", \"width\": 512.5}",
        "{\"prompt\": \"x\", \"n_iter\": -1}",
        "{\"prompt\": \"x\", \"steps\": \"20\"}",
        "{\"prompt\": \"x\", \"enable_hr\": true, \"width\": 1024, \"hr_scale\": 4}",
        "{\"prompt\": \"x\", \"metadata\": \"chat\"}",
        "[{\"prompt\": \"x\"}]",
        "{\"prompt\": \"x\"",
        "{\"prompt\": \"x\", \"send_images\": false}"
      })
  void aRequestOverTheLimitsIsRefusedBeforeTheGeneratorIsCalled(String body) {
    assertNothingStored(() -> assertError(post("api/generate", body), 400));
    assertEquals(List.of(), SD.requests());
  }

  @Test
  void aSlowGeneratorIsA504() {
    SD.mode(FakeA1111.Mode.SLOW);
    String error = assertNothingStored(() -> assertError(post("api/generate", "{}"), 504));
    assertTrue(error.contains("in time"), error);
  }

  @Test
  void aGeneratorErrorIsA502WithItsMessage() {
    SD.mode(FakeA1111.Mode.ERROR_500);
    String error = assertNothingStored(() -> assertError(post("api/generate", "{}"), 502));
    assertTrue(error.contains("500") && error.contains("CUDA out of memory"), error);
  }

  @Test
  void anAnswerThatIsNotJsonIsA502() {
    SD.mode(FakeA1111.Mode.GARBAGE);
    String error = assertNothingStored(() -> assertError(post("api/generate", "{}"), 502));
    assertTrue(error.contains("not valid JSON"), error);
  }

  /** The first image is fine; the batch is stored whole or not at all. */
  @Test
  void aBatchWithAnImageThatIsNotAPngStoresNothing() {
    SD.mode(FakeA1111.Mode.NOT_PNG);
    String body = "{\"prompt\": \"x\", \"batch_size\": 3, \"width\": 16, \"height\": 16}";
    String error = assertNothingStored(() -> assertError(post("api/generate", body), 502));
    assertTrue(error.contains("image 1"), error);
  }

  @Test
  void moreImagesThanAskedForIsA502() {
    SD.mode(FakeA1111.Mode.EXTRA);
    String body = "{\"prompt\": \"x\", \"batch_size\": 2, \"width\": 16, \"height\": 16}";
    String error = assertNothingStored(() -> assertError(post("api/generate", body), 502));
    assertTrue(error.contains("more than the 2 asked for"), error);
  }

  /** One client serves every call: two generations at once both succeed. */
  @Test
  void twoCallsAtOnceShareTheClient() throws Exception {
    SD.mode(FakeA1111.Mode.DELAYED);
    String body = "{\"prompt\": \"x\", \"width\": 16, \"height\": 16}";
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      List<Future<Integer>> calls =
          pool.invokeAll(List.of(() -> statusOf(body), () -> statusOf(body), () -> statusOf(body)));
      for (Future<Integer> call : calls) {
        assertEquals(201, call.get());
      }
    } finally {
      pool.shutdown();
    }
  }

  private int statusOf(String body) {
    try (Response response = post("api/generate", body)) {
      return response.getStatus();
    }
  }

  /** Runs a call that must store nothing: neither listed nor in the storage. */
  private <T> T assertNothingStored(java.util.function.Supplier<T> call) {
    long listed = images.list(ImageQuery.all()).count();
    List<String> names = STORAGE.names();
    T result = call.get();
    assertEquals(listed, images.list(ImageQuery.all()).count());
    assertEquals(names, STORAGE.names());
    return result;
  }

  private void assertNothingStored(Runnable call) {
    assertNothingStored(
        () -> {
          call.run();
          return null;
        });
  }
}
