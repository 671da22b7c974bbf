package org.imagestore.recipe;

import static org.imagestore.recipe.InfotextTest.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ComfyWorkflowTest {
  static String defaultPrompt() {
    try (InputStream in =
        ComfyWorkflowTest.class.getResourceAsStream("/recipe/comfyui-default-prompt.json")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void defaultWorkflow() {
    assertEquals(
        json(
            """
            {"prompt": "beautiful scenery nature glass bottle landscape, , purple galaxy bottle,",
             "negative_prompt": "text, watermark", "steps": 20, "sampler_name": "euler",
             "scheduler": "normal", "cfg_scale": 8, "seed": 156680208700286, "width": 512,
             "height": 512, "model": "v1-5-pruned-emaonly.safetensors", "denoising_strength": 1}
            """),
        ComfyWorkflow.parse(defaultPrompt()));
  }

  @Test
  void firstSamplerByIdThroughLorasControlNetsAndLinkedValues() {
    String graph =
        """
        {"10": {"class_type": "KSampler", "inputs": {"seed": 1, "steps": 5, "cfg": 1,
                "sampler_name": "euler", "scheduler": "normal", "positive": ["6", 0]}},
         "9": {"class_type": "KSamplerAdvanced", "inputs": {"noise_seed": ["20", 0], "steps": 30,
                "cfg": 4.5, "sampler_name": ["21", 0], "scheduler": "karras",
                "model": ["30", 0], "positive": ["40", 0], "negative": ["7", 0],
                "latent_image": ["5", 0]}},
         "20": {"class_type": "PrimitiveInt", "inputs": {"value": 987654321}},
         "21": {"class_type": "SamplerSelector", "inputs": {"sampler_name": "dpmpp_2m"}},
         "30": {"class_type": "LoraLoader", "inputs": {"model": ["31", 0], "lora_name": "x"}},
         "31": {"class_type": "LoraLoader", "inputs": {"model": [4, 0], "lora_name": "y"}},
         "4": {"class_type": "CheckpointLoaderSimple", "inputs": {"ckpt_name": "sdxl.safetensors"}},
         "40": {"class_type": "ControlNetApply", "inputs": {"conditioning": ["6", 0]}},
         "6": {"class_type": "CLIPTextEncode", "inputs": {"text": ["50", 0]}},
         "50": {"class_type": "PrimitiveStringMultiline", "inputs": {"value": "một con mèo"}},
         "7": {"class_type": "CLIPTextEncode", "inputs": {"text": "ugly"}},
         "5": {"class_type": "EmptyLatentImage", "inputs": {"width": 1024, "height": 768}}}
        """;
    assertEquals(
        json(
            """
            {"prompt": "một con mèo", "negative_prompt": "ugly", "steps": 30,
             "sampler_name": "dpmpp_2m", "scheduler": "karras", "cfg_scale": 4.5,
             "seed": 987654321, "width": 1024, "height": 768, "model": "sdxl.safetensors"}
            """),
        ComfyWorkflow.parse(graph));
  }

  @Test
  void cyclesAndBrokenLinksGiveWhatCanBeRead() {
    String graph =
        """
        {"1": {"class_type": "KSampler", "inputs": {"steps": 20, "positive": ["2", 0],
               "negative": ["404", 0], "model": ["3", 0], "latent_image": "nope",
               "cfg": "seven", "seed": [true, 0]}},
         "2": {"class_type": "ConditioningCombine", "inputs": {"conditioning": ["2", 0]}},
         "3": {"class_type": "ModelPass", "inputs": {"model": ["3", 0]}}}
        """;
    assertEquals(json("{\"steps\": 20}"), ComfyWorkflow.parse(graph));
  }

  @Test
  void notAGraphGivesNothing() {
    for (String text :
        List.of(
            "",
            "not json",
            "{\"3\": {\"class_type\": \"KSampler\"",
            "[1, 2]",
            "\"text\"",
            "{}",
            "{\"3\": 7, \"4\": {\"class_type\": 5}}",
            "{\"3\": {\"class_type\": \"KSampler\", \"inputs\": [1]}}",
            "{\"3\": {\"class_type\": \"SaveImage\", \"inputs\": {\"seed\": 1}}}",
            "[".repeat(100_000))) {
      assertEquals(JsonObject.EMPTY_JSON_OBJECT, ComfyWorkflow.parse(text), text);
    }
  }
}
