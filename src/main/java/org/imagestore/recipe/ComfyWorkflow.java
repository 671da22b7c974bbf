package org.imagestore.recipe;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * ComfyUI's {@code prompt} chunk: the graph it ran, in API format, node id to {@code {"class_type":
 * ..., "inputs": {...}}}, where an input is a value or a link {@code [node id, output index]}. The
 * recipe is read off the sampler node and the nodes its inputs link to.
 */
public final class ComfyWorkflow {
  private static final Set<String> SAMPLERS = Set.of("KSampler", "KSamplerAdvanced");

  /** How far a chain of links is followed (LoRA loaders, ControlNet, ...): bounds cycles too. */
  private static final int MAX_HOPS = 8;

  /** Numeric ids in numeric order, before any other id. */
  private static final Comparator<String> NODE_ORDER =
      Comparator.comparing((String id) -> !id.chars().allMatch(Character::isDigit) || id.isEmpty())
          .thenComparingInt(String::length)
          .thenComparing(Comparator.naturalOrder());

  private final JsonObject graph;
  private final JsonObjectBuilder fields = Json.createObjectBuilder();

  private ComfyWorkflow(JsonObject graph) {
    this.graph = graph;
  }

  /**
   * The recipe of a ComfyUI graph under imagestore's names: from the first sampler node by id, its
   * settings, the texts of its positive and negative conditioning, the checkpoint of its model and
   * the size of its latent image. Empty when the text is not such a graph; never throws.
   */
  public static JsonObject parse(String promptJson) {
    JsonValue graph;
    try {
      graph = Json.createReader(new StringReader(promptJson)).readValue();
    } catch (RuntimeException e) {
      // JsonException for bad JSON, but Parsson refuses deep nesting with a bare RuntimeException.
      return JsonValue.EMPTY_JSON_OBJECT;
    }
    if (!(graph instanceof JsonObject nodes)) {
      return JsonValue.EMPTY_JSON_OBJECT;
    }
    Optional<JsonObject> sampler =
        nodes.keySet().stream()
            .filter(id -> SAMPLERS.contains(classType(nodes.get(id))))
            .min(NODE_ORDER)
            .map(id -> inputs(nodes.get(id)));
    if (sampler.isEmpty()) {
      return JsonValue.EMPTY_JSON_OBJECT;
    }
    ComfyWorkflow workflow = new ComfyWorkflow(nodes);
    workflow.read(sampler.get());
    return workflow.fields.build();
  }

  private void read(JsonObject sampler) {
    text(sampler.get("positive"), 0).ifPresent(text -> fields.add("prompt", text));
    text(sampler.get("negative"), 0).ifPresent(text -> fields.add("negative_prompt", text));
    setting(sampler, List.of("steps"), "steps", JsonNumber.class);
    setting(sampler, List.of("sampler_name"), "sampler_name", JsonString.class);
    setting(sampler, List.of("scheduler"), "scheduler", JsonString.class);
    setting(sampler, List.of("cfg"), "cfg_scale", JsonNumber.class);
    setting(sampler, List.of("seed", "noise_seed"), "seed", JsonNumber.class);
    linked(sampler.get("latent_image"))
        .ifPresent(
            latent -> {
              if (integral(latent.get("width")) && integral(latent.get("height"))) {
                fields.add("width", latent.get("width")).add("height", latent.get("height"));
              }
            });
    checkpoint(sampler.get("model"), 0).ifPresent(name -> fields.add("model", name));
    setting(sampler, List.of("denoise"), "denoising_strength", JsonNumber.class);
  }

  /**
   * The first of {@code names} the sampler has as a value of the type, or through one link to a
   * node that holds it (a seed or a sampler chosen by another node) under that name or {@code
   * value}.
   */
  private void setting(
      JsonObject sampler, List<String> names, String field, Class<? extends JsonValue> type) {
    for (String name : names) {
      JsonValue value = sampler.get(name);
      if (!type.isInstance(value)) {
        JsonObject source = linked(value).orElse(JsonValue.EMPTY_JSON_OBJECT);
        value = type.isInstance(source.get(name)) ? source.get(name) : source.get("value");
      }
      if (type.isInstance(value)) {
        fields.add(field, value);
        return;
      }
    }
  }

  /**
   * The prompt behind a conditioning link: a node's {@code text}, given or linked from a node that
   * holds the string; else, through nodes that pass conditioning on (ControlNet, ...), theirs.
   */
  private Optional<String> text(JsonValue link, int hops) {
    Optional<JsonObject> node = linked(link);
    if (node.isEmpty() || hops > MAX_HOPS) {
      return Optional.empty();
    }
    JsonObject inputs = node.get();
    JsonValue text = inputs.get("text");
    if (text instanceof JsonString s) {
      return Optional.of(s.getString());
    }
    Optional<JsonObject> source = linked(text);
    if (source.isPresent()) {
      return List.of("text", "string", "value", "prompt").stream()
          .map(name -> source.get().get(name))
          .filter(JsonString.class::isInstance)
          .map(value -> ((JsonString) value).getString())
          .findFirst();
    }
    return text(inputs.get("conditioning"), hops + 1);
  }

  /** The checkpoint behind a model link, through the nodes that pass the model on (LoRAs, ...). */
  private Optional<String> checkpoint(JsonValue link, int hops) {
    Optional<JsonObject> node = linked(link);
    if (node.isEmpty() || hops > MAX_HOPS) {
      return Optional.empty();
    }
    for (String name : List.of("ckpt_name", "unet_name")) {
      if (node.get().get(name) instanceof JsonString s) {
        return Optional.of(s.getString());
      }
    }
    return checkpoint(node.get().get("model"), hops + 1);
  }

  /** The inputs of the node a link points to. */
  private Optional<JsonObject> linked(JsonValue link) {
    if (link instanceof JsonArray array
        && array.size() == 2
        && (array.get(0) instanceof JsonString || array.get(0) instanceof JsonNumber)) {
      String id = array.get(0) instanceof JsonString s ? s.getString() : array.get(0).toString();
      JsonValue node = graph.get(id);
      return node == null ? Optional.empty() : Optional.of(inputs(node));
    }
    return Optional.empty();
  }

  private static String classType(JsonValue node) {
    return node instanceof JsonObject object && object.get("class_type") instanceof JsonString s
        ? s.getString()
        : "";
  }

  private static JsonObject inputs(JsonValue node) {
    return node instanceof JsonObject object && object.get("inputs") instanceof JsonObject inputs
        ? inputs
        : JsonValue.EMPTY_JSON_OBJECT;
  }

  private static boolean integral(JsonValue value) {
    return value instanceof JsonNumber n && n.isIntegral();
  }
}
