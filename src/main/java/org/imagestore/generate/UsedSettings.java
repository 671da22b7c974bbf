package org.imagestore.generate;

import static org.imagestore.generate.GeneratorFailure.badAnswer;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import org.imagestore.storage.StoredImage;

/**
 * Each image's metadata from what the generator says it used ({@code info}), not from what the
 * client asked: a seed of -1 becomes the real seed, a batch's images get their own seeds and
 * prompts. These recipe fields win over the client's; the client's other fields stay. Images before
 * {@code index_of_first_image} are A1111's grid of the batch, a picture of pictures already stored:
 * they are left out.
 */
final class UsedSettings {
  static final String DEFAULT_SOURCE = "generate";

  /** Fields taken from info as they are, one value for the whole call. */
  private static final List<String> SHARED =
      List.of(
          "sd_model_name",
          "sd_model_hash",
          "sampler_name",
          "scheduler",
          "cfg_scale",
          "steps",
          "width",
          "height");

  private UsedSettings() {}

  static List<GeneratedImage> images(Txt2ImgAnswer answer, JsonObject clientMetadata) {
    JsonObject info = answer.info();
    List<byte[]> all = answer.images();
    int first = firstImage(info, all.size());
    int count = all.size() - first;
    if (count == 0) {
      throw badAnswer("has no images");
    }
    JsonArray seeds = array(info, "all_seeds");
    if (seeds == null || seeds.size() < count) {
      throw badAnswer("has fewer all_seeds than images (" + count + ")");
    }
    List<GeneratedImage> images = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      JsonObjectBuilder metadata = Json.createObjectBuilder(clientMetadata);
      if (!clientMetadata.containsKey("source")) {
        metadata.add("source", DEFAULT_SOURCE);
      }
      for (String key : SHARED) {
        put(metadata, key, info.get(key));
      }
      put(metadata, "model", info.get("sd_model_name"));
      put(metadata, "prompt", nth(info, "all_prompts", i, "prompt"));
      put(metadata, "negative_prompt", nth(info, "all_negative_prompts", i, "negative_prompt"));
      put(metadata, "seed", seeds.get(i));
      put(metadata, "subseed", nth(info, "all_subseeds", i, "subseed"));
      JsonObject used = metadata.build();
      JsonValue infotext = infotext(info, i, first, all.size());
      // The infotext repeats the prompts: left out when it would not fit, never failing the batch.
      if (infotext != null && infotext != JsonValue.NULL) {
        JsonObject withText = Json.createObjectBuilder(used).add("parameters", infotext).build();
        used = withText.toString().length() <= StoredImage.MAX_METADATA_CHARS ? withText : used;
      }
      images.add(new GeneratedImage(all.get(first + i), used));
    }
    return images;
  }

  private static int firstImage(JsonObject info, int images) {
    JsonValue value = info.get("index_of_first_image");
    if (value == null || value == JsonValue.NULL) {
      return 0;
    }
    if (!(value instanceof JsonNumber n) || !n.isIntegral() || n.intValue() < 0) {
      throw badAnswer("has an index_of_first_image that is not a count");
    }
    return Math.min(n.intValue(), images);
  }

  /**
   * The image's infotext: A1111 puts the grid's first when it sends a grid, so infotexts line up
   * with all the images; a server that leaves the grid's out lines them up with the real ones.
   */
  private static JsonValue infotext(JsonObject info, int i, int first, int images) {
    JsonArray texts = array(info, "infotexts");
    if (texts == null) {
      return null;
    }
    int index = texts.size() >= images ? first + i : i;
    return index < texts.size() ? texts.get(index) : null;
  }

  /** The i-th of a per-image list, else the call's single value. */
  private static JsonValue nth(JsonObject info, String list, int i, String single) {
    JsonArray values = array(info, list);
    return values != null && i < values.size() ? values.get(i) : info.get(single);
  }

  private static JsonArray array(JsonObject info, String name) {
    return info.get(name) instanceof JsonArray array ? array : null;
  }

  /** What the generator did not say leaves the client's value, if any. */
  private static void put(JsonObjectBuilder metadata, String key, JsonValue value) {
    if (value != null && value != JsonValue.NULL) {
      metadata.add(key, value);
    }
  }
}
