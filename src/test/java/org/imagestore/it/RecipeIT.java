package org.imagestore.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.DeflaterOutputStream;
import org.imagestore.client.ImageQuery;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * The recipe inside the PNG: AUTOMATIC1111's {@code parameters} chunk and ComfyUI's {@code prompt}
 * graph fill the metadata the client did not send, and the raw text is kept; the stored bytes are
 * the uploaded ones; a broken text chunk never fails a save.
 */
class RecipeIT extends ImageStoreTestBase {
  private static final TestStorage STORAGE = Deployments.freshStorage("recipe");

  /** As A1111 1.10 writes it: a prompt over two lines, a negative prompt, quoted values. */
  static final String INFOTEXT =
      "a cozy cabin in the woods, (masterpiece:1.2),\n"
          + "snow, warm light\n"
          + "Negative prompt: blurry, lowres\n"
          + "Steps: 28, Sampler: DPM++ 2M, Schedule type: Karras, CFG scale: 6.5, Seed: 3141592653,"
          + " Size: 640x448, Model hash: 6ce0161689, Model: v1-5-pruned-emaonly,"
          + " Lora hashes: \"add_detail: 7c6bad76eb54\", Version: v1.10.1";

  static final String COMFY_PROMPT =
      "{\"3\":{\"class_type\":\"KSampler\",\"inputs\":{\"seed\":156680208700286,\"steps\":20,"
          + "\"cfg\":8,\"sampler_name\":\"euler\",\"scheduler\":\"normal\",\"denoise\":1,"
          + "\"model\":[\"4\",0],\"positive\":[\"6\",0],\"negative\":[\"7\",0],"
          + "\"latent_image\":[\"5\",0]}},"
          + "\"4\":{\"class_type\":\"CheckpointLoaderSimple\","
          + "\"inputs\":{\"ckpt_name\":\"v1-5-pruned-emaonly.safetensors\"}},"
          + "\"5\":{\"class_type\":\"EmptyLatentImage\","
          + "\"inputs\":{\"width\":512,\"height\":512,\"batch_size\":1}},"
          + "\"6\":{\"class_type\":\"CLIPTextEncode\",\"inputs\":{\"text\":\"beautiful scenery"
          + " nature glass bottle\",\"clip\":[\"4\",1]}},"
          + "\"7\":{\"class_type\":\"CLIPTextEncode\",\"inputs\":{\"text\":\"text, watermark\","
          + "\"clip\":[\"4\",1]}}}";

  private static final byte[] PLAIN = Pngs.realistic(64, 48, 31);

  @Deployment(testable = false)
  static WebArchive app() {
    return Deployments.war("/", STORAGE, Map.of());
  }

  @Test
  void anA1111PngFillsTheMetadataAndKeepsItsInfotext() {
    byte[] png = Pngs.withText(PLAIN, "parameters", INFOTEXT);
    String name = images.save(png, null).filename();
    JsonObject metadata = listed(name).metadata();
    assertEquals(
        "a cozy cabin in the woods, (masterpiece:1.2),\nsnow, warm light",
        metadata.getString("prompt"));
    assertEquals("blurry, lowres", metadata.getString("negative_prompt"));
    assertEquals(28, metadata.getInt("steps"));
    assertEquals("DPM++ 2M", metadata.getString("sampler_name"));
    assertEquals("Karras", metadata.getString("scheduler"));
    assertEquals(6.5, metadata.getJsonNumber("cfg_scale").doubleValue());
    assertEquals(3141592653L, metadata.getJsonNumber("seed").longValue());
    assertEquals(640, metadata.getInt("width"));
    assertEquals(448, metadata.getInt("height"));
    assertEquals("v1-5-pruned-emaonly", metadata.getString("model"));
    assertEquals("6ce0161689", metadata.getString("sd_model_hash"));
    assertEquals(INFOTEXT, metadata.getString("parameters"));
    assertEquals("manual", metadata.getString("source"));
    assertArrayEquals(png, bytesOf(name), "the stored bytes are the uploaded ones");
    // The model filter of list-images finds it by the model the chunk named.
    assertTrue(
        images.list(ImageQuery.all().model("v1-5-pruned-emaonly")).images().stream()
            .anyMatch(image -> image.filename().equals(name)));
  }

  @Test
  void whatTheClientSentWinsAndASeedOfMinusOneIsReplacedByTheRealOne() {
    byte[] png = Pngs.withText(PLAIN, "parameters", INFOTEXT);
    JsonObject sent =
        Json.createObjectBuilder()
            .add("prompt", "what the chat asked for")
            .add("seed", -1)
            .add("steps", 30)
            .build();
    JsonObject metadata = listed(images.save(png, sent).filename()).metadata();
    assertEquals("what the chat asked for", metadata.getString("prompt"));
    assertEquals(30, metadata.getInt("steps"));
    assertEquals(3141592653L, metadata.getJsonNumber("seed").longValue());
    assertEquals("blurry, lowres", metadata.getString("negative_prompt"));
  }

  @Test
  void aComfyUiPngFillsTheMetadataFromItsPromptGraph() {
    byte[] png =
        Pngs.withText(
            Pngs.withText(PLAIN, "workflow", "{\"last_node_id\": 9, \"nodes\": []}"),
            "prompt",
            COMFY_PROMPT);
    JsonObject metadata = listed(images.save(png, null).filename()).metadata();
    assertEquals("beautiful scenery nature glass bottle", metadata.getString("prompt"));
    assertEquals("text, watermark", metadata.getString("negative_prompt"));
    assertEquals(156680208700286L, metadata.getJsonNumber("seed").longValue());
    assertEquals(20, metadata.getInt("steps"));
    assertEquals("euler", metadata.getString("sampler_name"));
    assertEquals("v1-5-pruned-emaonly.safetensors", metadata.getString("model"));
    assertEquals(512, metadata.getInt("width"));
    assertEquals(COMFY_PROMPT, metadata.getString("parameters"));
    assertEquals("{\"last_node_id\": 9, \"nodes\": []}", metadata.getString("workflow"));
  }

  @Test
  void anInternationalTextChunkCarriesAVietnamesePrompt() throws Exception {
    String prompt = "Ảnh một con mèo trên mái nhà, phong cách tranh sơn dầu";
    String infotext = prompt + "\nSteps: 20, Sampler: Euler a, CFG scale: 7, Seed: 99, Size: 64x48";
    ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    try (var out = new DeflaterOutputStream(compressed)) {
      out.write(infotext.getBytes(StandardCharsets.UTF_8));
    }
    ByteArrayOutputStream itxt = new ByteArrayOutputStream();
    // keyword NUL, compressed, method 0, language tag NUL, translated keyword NUL, text
    itxt.writeBytes("parameters\0\1\0vi\0\0".getBytes(StandardCharsets.ISO_8859_1));
    itxt.writeBytes(compressed.toByteArray());
    byte[] png = Pngs.withChunk(PLAIN, "iTXt", itxt.toByteArray());
    JsonObject metadata = listed(images.save(png, null).filename()).metadata();
    assertEquals(prompt, metadata.getString("prompt"));
    assertEquals(99, metadata.getInt("seed"));
    assertEquals(
        prompt,
        images.list(ImageQuery.all().q("mái nhà")).images().get(0).metadata().getString("prompt"));
  }

  @Test
  void brokenTextChunksDoNotFailTheSave() {
    byte[] png =
        Pngs.withChunk(
            Pngs.withChunk(
                PLAIN, "tEXt", "parameters without a NUL".getBytes(StandardCharsets.ISO_8859_1)),
            "zTXt",
            "parameters\0\0not zlib at all".getBytes(StandardCharsets.ISO_8859_1));
    String name = images.save(png, null).filename();
    JsonObject metadata = listed(name).metadata();
    assertFalse(metadata.containsKey("prompt"), metadata.toString());
    assertArrayEquals(png, bytesOf(name));
  }
}
