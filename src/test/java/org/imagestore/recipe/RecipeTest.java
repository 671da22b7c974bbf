package org.imagestore.recipe;

import static org.imagestore.recipe.InfotextTest.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecipeTest {
  private static final int MAX = 65_535;
  private static final TextChunk A1111 = new TextChunk("parameters", InfotextTest.A1111);
  private static final TextChunk COMFY = new TextChunk("prompt", ComfyWorkflowTest.defaultPrompt());

  @Test
  void clientWinsAndExplicitNullIsKept() {
    JsonObject metadata = json("{\"prompt\": \"mine\", \"seed\": null, \"extra\": [1]}");
    JsonObject filled = Recipe.fill(metadata, List.of(A1111), MAX);
    assertEquals("mine", filled.getString("prompt"));
    assertEquals(JsonValue.NULL, filled.get("seed"));
    assertEquals(Json.createArrayBuilder().add(1).build(), filled.get("extra"));
    assertEquals(20, filled.getInt("steps"));
    assertEquals("lowres, bad anatomy,\nblurry, watermark", filled.getString("negative_prompt"));
    assertEquals(InfotextTest.A1111, filled.getString("parameters"));
    JsonObject own = json("{\"parameters\": \"client's own\"}");
    assertEquals("client's own", Recipe.fill(own, List.of(A1111), MAX).getString("parameters"));
  }

  @Test
  void aSeedOfMinusOneIsTheRandomSeedAndTheChunkSaysWhichItWas() {
    JsonObject filled = Recipe.fill(json("{\"seed\": -1, \"subseed\": -1}"), List.of(A1111), MAX);
    assertEquals(
        Infotext.parse(InfotextTest.A1111).getJsonNumber("seed"), filled.getJsonNumber("seed"));
    assertEquals(-1, Recipe.fill(json("{\"steps\": -1}"), List.of(A1111), MAX).getInt("steps"));
  }

  @Test
  void a1111ChunkBeforeComfyUi() {
    JsonObject filled = Recipe.fill(JsonObject.EMPTY_JSON_OBJECT, List.of(COMFY, A1111), MAX);
    assertEquals("DPM++ 2M", filled.getString("sampler_name"));
    assertFalse(filled.containsKey("workflow"));
  }

  @Test
  void comfyUiFieldsPromptTextAndWorkflow() {
    TextChunk workflow = new TextChunk("workflow", "{\"nodes\": []}");
    JsonObject filled = Recipe.fill(json("{\"model\": \"mine\"}"), List.of(COMFY, workflow), MAX);
    assertEquals("mine", filled.getString("model"));
    assertEquals("euler", filled.getString("sampler_name"));
    assertEquals(512, filled.getInt("width"));
    assertEquals(COMFY.text(), filled.getString("parameters"));
    assertEquals("{\"nodes\": []}", filled.getString("workflow"));
  }

  @Test
  void bigWorkflowIsDroppedFirstThenParametersThenEverything() {
    TextChunk workflow = new TextChunk("workflow", "w".repeat(70_000));
    JsonObject filled = Recipe.fill(JsonObject.EMPTY_JSON_OBJECT, List.of(COMFY, workflow), MAX);
    assertFalse(filled.containsKey("workflow"));
    assertEquals(COMFY.text(), filled.getString("parameters"));
    assertTrue(filled.toString().length() <= MAX);

    JsonObject fieldsOnly = Recipe.fill(JsonObject.EMPTY_JSON_OBJECT, List.of(COMFY), 900);
    assertFalse(fieldsOnly.containsKey("parameters"));
    assertEquals(20, fieldsOnly.getInt("steps"));

    JsonObject metadata = json("{\"note\": \"" + "n".repeat(1000) + "\"}");
    assertSame(metadata, Recipe.fill(metadata, List.of(COMFY, workflow), 1010));
  }

  @Test
  void resultFitsExactlyAtTheLimit() {
    TextChunk workflow = new TextChunk("workflow", "{}");
    JsonObject full = Recipe.fill(JsonObject.EMPTY_JSON_OBJECT, List.of(COMFY, workflow), MAX);
    int length = full.toString().length();
    assertEquals(full, Recipe.fill(JsonObject.EMPTY_JSON_OBJECT, List.of(COMFY, workflow), length));
    assertFalse(
        Recipe.fill(JsonObject.EMPTY_JSON_OBJECT, List.of(COMFY, workflow), length - 1)
            .containsKey("workflow"));
  }

  @Test
  void noRecipeChunkLeavesTheSameMetadata() {
    JsonObject metadata = json("{\"prompt\": \"p\"}");
    assertSame(metadata, Recipe.fill(metadata, List.of(), MAX));
    assertSame(
        metadata,
        Recipe.fill(
            metadata,
            List.of(new TextChunk("Software", "x"), new TextChunk("prompt", "a plain prompt")),
            MAX));
  }

  @Test
  void hasParameters() {
    assertTrue(Recipe.hasParameters(List.of(COMFY, A1111)));
    assertFalse(Recipe.hasParameters(List.of(COMFY, new TextChunk("Parameters", "x"))));
  }

  @Test
  void fromAPngWithoutRecipeToOneWithAnInfotextAndBack() {
    JsonObject metadata =
        json(
            """
            {"prompt": "Ảnh một con mèo trên mái nhà, phong cách tranh sơn dầu",
             "steps": 20, "sampler_name": "Euler a", "cfg_scale": 7, "seed": 3}
            """);
    byte[] plain = RecipePngs.tiny();
    assertFalse(Recipe.hasParameters(PngText.read(ByteBuffer.wrap(plain))));
    byte[] png =
        RecipePngs.with(
            plain, PngText.chunk("parameters", Infotext.format(metadata).orElseThrow()));
    List<TextChunk> chunks = PngText.read(ByteBuffer.wrap(png));
    assertTrue(Recipe.hasParameters(chunks));
    JsonObject filled = Recipe.fill(JsonObject.EMPTY_JSON_OBJECT, chunks, MAX);
    filled.forEach(
        (name, value) -> {
          if (!name.equals("parameters")) {
            assertEquals(metadata.get(name), value, name);
          }
        });
    assertEquals(metadata.size() + 1, filled.size());
  }
}
