package org.imagestore.recipe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.nio.ByteBuffer;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/** Arbitrary input never makes the readers throw, and settings values of any text read back. */
class RecipeProperties {
  @Property(tries = 2000)
  void infotextNeverThrows(@ForAll("infotexts") String text) {
    Infotext.parse(text);
  }

  @Property(tries = 1000)
  void comfyWorkflowNeverThrows(@ForAll("graphs") String text) {
    ComfyWorkflow.parse(text);
  }

  @Property(tries = 1000)
  void pngTextNeverThrows(@ForAll @Size(max = 200) List<@Size(max = 40) byte[]> chunks) {
    byte[] png = RecipePngs.tiny();
    for (byte[] data : chunks) {
      String type = List.of("tEXt", "zTXt", "iTXt").get(Math.floorMod(data.length, 3));
      png = RecipePngs.with(png, RecipePngs.chunk(type, data));
    }
    PngText.read(ByteBuffer.wrap(png));
  }

  @Property(tries = 1000)
  void pngTextNeverThrowsOnMutatedBytes(
      @ForAll("indexes") List<Integer> positions, @ForAll byte value) {
    byte[] png =
        RecipePngs.with(
            RecipePngs.tiny(),
            PngText.chunk("parameters", "a cat"),
            RecipePngs.ztxt("prompt", RecipePngs.deflate(new byte[100])),
            RecipePngs.itxt("x", "mèo", true));
    for (int position : positions) {
      png[position % png.length] = value;
    }
    PngText.read(ByteBuffer.wrap(png));
  }

  @Property(tries = 1000)
  void settingsOfAnyTextReadBack(
      @ForAll("values") String sampler, @ForAll("values") String model, @ForAll int seed) {
    JsonObject metadata =
        Json.createObjectBuilder()
            .add("prompt", "a cat")
            .add("sampler_name", sampler)
            .add("seed", seed)
            .add("model", model)
            .build();
    assertEquals(metadata, Infotext.parse(Infotext.format(metadata).orElseThrow()));
  }

  @Provide
  Arbitrary<String> infotexts() {
    return Arbitraries.oneOf(
        Arbitraries.strings().all().ofMaxLength(300),
        Arbitraries.strings()
            .withChars("ab :,\"\\\n\r -/Negative prompt:Size512x")
            .ofMaxLength(300));
  }

  @Provide
  Arbitrary<String> graphs() {
    return Arbitraries.oneOf(
        Arbitraries.strings().all().ofMaxLength(200),
        Arbitraries.strings()
            .withChars("{}[]\":,0123 ")
            .ofMaxLength(200)
            .map(s -> "{\"1\":{\"class_type\":\"KSampler\",\"inputs\":{\"positive\":" + s));
  }

  @Provide
  Arbitrary<String> values() {
    return Arbitraries.oneOf(
        Arbitraries.strings().all().ofMaxLength(30),
        Arbitraries.strings().withChars(" ,:\"\\\n\r\tab\u00a0").ofMaxLength(30));
  }

  @Provide
  Arbitrary<List<Integer>> indexes() {
    return Arbitraries.integers().between(8, 10_000).list().ofMaxSize(8);
  }
}
