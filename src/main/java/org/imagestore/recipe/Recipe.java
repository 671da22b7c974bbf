package org.imagestore.recipe;

import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Optional;

/**
 * The recipe a PNG carries, merged into the metadata its client sent: the fields of an A1111 {@code
 * parameters} chunk, or else of a ComfyUI {@code prompt} chunk, added where the client sent none,
 * with the raw text under {@code parameters} and ComfyUI's UI graph under {@code workflow}.
 */
public final class Recipe {
  static final String PARAMETERS = "parameters";
  static final String PROMPT = "prompt";
  static final String WORKFLOW = "workflow";

  /** What the chunks hold: fields, and the raw texts kept beside them (either may be null). */
  private record Found(JsonObject fields, String parameters, String workflow) {}

  private Recipe() {}

  /**
   * {@code metadata} with the chunks' recipe added where it has no such member: the client's value
   * wins, an explicit null included, but for a seed of -1. The result stays within {@code maxChars}
   * as compact JSON: {@code workflow} goes first, then {@code parameters}, then the metadata is
   * returned as it came, so that a big chunk never fails a save. Without a recipe chunk, {@code
   * metadata} itself.
   */
  public static JsonObject fill(JsonObject metadata, List<TextChunk> chunks, int maxChars) {
    Optional<Found> found = found(chunks);
    if (found.isEmpty()) {
      return metadata;
    }
    Found recipe = found.get();
    List<JsonObject> candidates =
        List.of(
            merge(metadata, recipe),
            merge(metadata, new Found(recipe.fields(), recipe.parameters(), null)),
            merge(metadata, new Found(recipe.fields(), null, null)));
    return candidates.stream()
        .filter(candidate -> candidate.toString().length() <= maxChars)
        .findFirst()
        .orElse(metadata);
  }

  /** Whether an A1111 infotext is there, so that none need be added to the PNG. */
  public static boolean hasParameters(List<TextChunk> chunks) {
    return text(chunks, PARAMETERS).isPresent();
  }

  /**
   * A1111's chunk, else ComfyUI's: a {@code prompt} chunk counts when it is a graph with a sampler,
   * or comes with a {@code workflow} chunk, since other tools write plain prompts there.
   */
  private static Optional<Found> found(List<TextChunk> chunks) {
    Optional<String> parameters = text(chunks, PARAMETERS);
    if (parameters.isPresent()) {
      return Optional.of(new Found(Infotext.parse(parameters.get()), parameters.get(), null));
    }
    Optional<String> prompt = text(chunks, PROMPT);
    String workflow = text(chunks, WORKFLOW).orElse(null);
    if (prompt.isEmpty()) {
      return Optional.empty();
    }
    JsonObject fields = ComfyWorkflow.parse(prompt.get());
    return fields.isEmpty() && workflow == null
        ? Optional.empty()
        : Optional.of(new Found(fields, prompt.get(), workflow));
  }

  private static JsonObject merge(JsonObject metadata, Found recipe) {
    JsonObjectBuilder merged = Json.createObjectBuilder(metadata);
    recipe.fields().forEach((name, value) -> addMissing(metadata, merged, name, value));
    if (recipe.parameters() != null) {
      addMissing(metadata, merged, PARAMETERS, Json.createValue(recipe.parameters()));
    }
    if (recipe.workflow() != null) {
      addMissing(metadata, merged, WORKFLOW, Json.createValue(recipe.workflow()));
    }
    return merged.build();
  }

  private static void addMissing(
      JsonObject metadata, JsonObjectBuilder merged, String name, JsonValue value) {
    if (!metadata.containsKey(name) || isRandomSeed(name, metadata.get(name))) {
      merged.add(name, value);
    }
  }

  /**
   * A seed of -1 is A1111's "pick one at random", which a chat sends as it asked: the chunk says
   * which seed was picked, and only that one reproduces the image.
   */
  private static boolean isRandomSeed(String name, JsonValue value) {
    return (name.equals("seed") || name.equals("subseed"))
        && value instanceof JsonNumber number
        && number.isIntegral()
        && number.longValue() == -1;
  }

  private static Optional<String> text(List<TextChunk> chunks, String keyword) {
    return chunks.stream()
        .filter(chunk -> chunk.keyword().equals(keyword))
        .map(TextChunk::text)
        .findFirst();
  }
}
