package org.imagestore.recipe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InfotextTest {
  static final String A1111 =
      """
      masterpiece, best quality, a red fox in the snow,
      (detailed fur:1.2), <lora:add_detail:0.6>
      Negative prompt: lowres, bad anatomy,
      blurry, watermark
      Steps: 20, Sampler: DPM++ 2M, Schedule type: Karras, CFG scale: 7, Seed: 1234567890, \
      Size: 512x768, Model hash: 6ce0161689, Model: v1-5-pruned-emaonly, Denoising strength: 0.7, \
      Hires upscale: 2, Lora hashes: "add_detail: 7c6bad76eb54, x: 1", Version: v1.10.1""";

  static JsonObject json(String text) {
    return Json.createReader(new StringReader(text)).readObject();
  }

  @Test
  void realInfotextToTheExactFields() {
    assertEquals(
        json(
            """
            {"prompt": "masterpiece, best quality, a red fox in the snow,\\n(detailed fur:1.2), <lora:add_detail:0.6>",
             "negative_prompt": "lowres, bad anatomy,\\nblurry, watermark",
             "steps": 20, "sampler_name": "DPM++ 2M", "scheduler": "Karras", "cfg_scale": 7,
             "seed": 1234567890, "width": 512, "height": 768, "sd_model_hash": "6ce0161689",
             "model": "v1-5-pruned-emaonly", "denoising_strength": 0.7}
            """),
        Infotext.parse(A1111));
  }

  @Test
  void noNegativePromptQuotedValuesAndVariationSeed() {
    String text =
        "a lighthouse at dusk\r\n"
            + "Steps: 30, Sampler: Euler a, CFG scale: 6.5, Seed: 42, Variation seed: 99,"
            + " Model: \"sdxl, \\\"turbo\\\": v2\", Size: 1024x1024\n";
    assertEquals(
        json(
            """
            {"prompt": "a lighthouse at dusk", "steps": 30, "sampler_name": "Euler a",
             "cfg_scale": 6.5, "seed": 42, "subseed": 99, "model": "sdxl, \\"turbo\\": v2",
             "width": 1024, "height": 1024}
            """),
        Infotext.parse(text));
  }

  @Test
  void lastLineWithFewerThanThreeSettingsIsPrompt() {
    assertEquals(
        json("{\"prompt\": \"a cat\\nSteps: 20, Seed: 1\"}"),
        Infotext.parse("a cat\nSteps: 20, Seed: 1"));
    assertEquals(
        json("{\"prompt\": \"a cat on a roof\"}"), Infotext.parse("  a cat on a roof  \n"));
    assertEquals(json("{\"negative_prompt\": \"ugly\"}"), Infotext.parse("Negative prompt: ugly"));
  }

  @Test
  void settingsAloneAndBadValuesAreNotFields() {
    assertEquals(
        json("{\"sampler_name\": \"Euler\", \"model\": \"\\\"half\"}"),
        Infotext.parse("Steps: many, Sampler: Euler, Seed: , Size: 512 x 512, Model: \"half"));
    assertEquals(json("{}"), Infotext.parse(""));
  }

  @Test
  void formatWritesWhatA1111Writes() {
    JsonObject metadata =
        json(
            """
            {"prompt": "a fox", "negative_prompt": "blurry", "steps": 20, "sampler_name": "DPM++ 2M",
             "scheduler": "Karras", "cfg_scale": 7, "seed": 1234567890, "width": 512, "height": 768,
             "sd_model_hash": "6ce0161689", "model": "v1-5-pruned-emaonly", "x": "not a setting"}
            """);
    assertEquals(
        Optional.of(
            "a fox\nNegative prompt: blurry\nSteps: 20, Sampler: DPM++ 2M, Schedule type: Karras,"
                + " CFG scale: 7, Seed: 1234567890, Size: 512x768, Model hash: 6ce0161689,"
                + " Model: v1-5-pruned-emaonly"),
        Infotext.format(metadata));
  }

  @Test
  void formatNeedsAPromptAndThreeSettings() {
    assertEquals(Optional.empty(), Infotext.format(json("{\"steps\": 20}")));
    assertEquals(Optional.empty(), Infotext.format(json("{\"prompt\": \" \", \"steps\": 20}")));
    assertEquals(Optional.empty(), Infotext.format(json("{\"prompt\": null}")));
    assertEquals(
        Optional.of("a cat"), Infotext.format(json("{\"prompt\": \"a cat\", \"steps\": 20}")));
  }

  @Test
  void roundTripVietnameseCommasAndQuotes() {
    JsonObject metadata =
        json(
            """
            {"prompt": "Ảnh một con mèo trên mái nhà, phong cách tranh sơn dầu\\n(chi tiết: 1.2)",
             "negative_prompt": "mờ, \\"xấu\\", chữ ký",
             "steps": 28, "sampler_name": "DPM++ 2M SDE, \\"heun\\"", "scheduler": "Karras",
             "cfg_scale": 5.5, "seed": 18446744073709551615, "width": 832, "height": 1216,
             "sd_model_hash": "abc:123", "model": "mô hình, phiên bản: 2\\\\final",
             "denoising_strength": 0.35, "subseed": 7}
            """);
    String text = Infotext.format(metadata).orElseThrow();
    assertEquals(metadata, Infotext.parse(text));
  }

  @Test
  void numbersGivenAsStringsAreWrittenAsNumbers() {
    JsonObject metadata =
        json("{\"prompt\": \"p\", \"steps\": \"20\", \"seed\": \"5\", \"cfg_scale\": \"7.5\"}");
    assertEquals(
        json("{\"prompt\": \"p\", \"steps\": 20, \"cfg_scale\": 7.5, \"seed\": 5}"),
        Infotext.parse(Infotext.format(metadata).orElseThrow()));
  }

  @Test
  void longSettingsLinesTakeLinearTimeAndNoStack() {
    String words = "p\n" + "word ".repeat(200_000) + ", a: 1, b: 2, c: 3";
    String quoted = "p\nSteps: 1, Seed: 2, Model: \"" + "\\\"x".repeat(300_000) + "\"";
    JsonObject parsed =
        assertTimeoutPreemptively(
            Duration.ofSeconds(2),
            () -> {
              Infotext.parse(words);
              return Infotext.parse(quoted);
            });
    assertEquals("\"x".repeat(300_000), parsed.getString("model"));
  }
}
