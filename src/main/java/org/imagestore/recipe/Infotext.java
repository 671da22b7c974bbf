package org.imagestore.recipe;

import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * AUTOMATIC1111's infotext, the text of its {@code parameters} chunk: the prompt, then optionally
 * {@code Negative prompt: ...}, then a last line of {@code Key: value} settings. Read as A1111's
 * {@code parse_generation_parameters} reads it, and written as its {@code create_infotext} writes
 * it, with imagestore's metadata names for the fields.
 */
public final class Infotext {
  private static final String NEGATIVE = "Negative prompt:";

  /** A1111 takes the last line for settings only when it holds at least this many pairs. */
  private static final int MIN_SETTINGS = 3;

  /** Plain decimals, short: longer ones are not settings A1111 wrote, and cost to convert. */
  private static final Pattern NUMBER = Pattern.compile("-?\\d{1,30}(\\.\\d{1,30})?");

  private static final Pattern SIZE = Pattern.compile("(\\d{1,9})x(\\d{1,9})");

  /**
   * Settings that are fields, in the order A1111 writes them; {@code Size}, after the seed, apart.
   */
  private enum Setting {
    STEPS("Steps", "steps", true),
    SAMPLER("Sampler", "sampler_name", false),
    SCHEDULER("Schedule type", "scheduler", false),
    CFG_SCALE("CFG scale", "cfg_scale", true),
    SEED("Seed", "seed", true),
    MODEL_HASH("Model hash", "sd_model_hash", false),
    MODEL("Model", "model", false),
    SUBSEED("Variation seed", "subseed", true),
    DENOISING("Denoising strength", "denoising_strength", true);

    final String key;
    final String field;
    final boolean number;

    Setting(String key, String field, boolean number) {
      this.key = key;
      this.field = field;
      this.number = number;
    }
  }

  private Infotext() {}

  /**
   * The fields of an infotext under imagestore's names; settings that are not fields are left out
   * (they stay in the raw text). Never throws.
   */
  public static JsonObject parse(String text) {
    String[] lines = strip(text).split("\n", -1);
    List<SettingsLine.Pair> settings = SettingsLine.find(lines[lines.length - 1]);
    int promptLines = lines.length - 1;
    if (settings.size() < MIN_SETTINGS) {
      settings = List.of();
      promptLines = lines.length;
    }
    StringBuilder prompt = new StringBuilder();
    StringBuilder negative = new StringBuilder();
    boolean inNegative = false;
    for (int i = 0; i < promptLines; i++) {
      String line = strip(lines[i]);
      if (line.startsWith(NEGATIVE)) {
        inNegative = true;
        line = strip(line.substring(NEGATIVE.length()));
      }
      // As A1111 joins: no newline before a line while what came before is empty.
      StringBuilder target = inNegative ? negative : prompt;
      target.append(target.length() == 0 ? "" : "\n").append(line);
    }
    Map<String, JsonValue> fields = new LinkedHashMap<>();
    if (prompt.length() > 0) {
      fields.put("prompt", Json.createValue(prompt.toString()));
    }
    if (negative.length() > 0) {
      fields.put("negative_prompt", Json.createValue(negative.toString()));
    }
    for (SettingsLine.Pair pair : settings) {
      String value = SettingsLine.unquote(pair.raw());
      if (value != null) {
        setting(pair.key(), value, fields);
      }
    }
    JsonObjectBuilder object = Json.createObjectBuilder();
    fields.forEach(object::add);
    return object.build();
  }

  /**
   * An infotext of imagestore's metadata that A1111 reads back to the same fields; empty when the
   * metadata has no prompt. The settings line is written only when it holds at least three
   * settings, since A1111 would read a shorter one as part of the prompt.
   */
  public static Optional<String> format(JsonObject metadata) {
    String prompt = string(metadata, "prompt");
    if (prompt == null || strip(prompt).isEmpty()) {
      return Optional.empty();
    }
    StringBuilder text = new StringBuilder(prompt);
    String negative = string(metadata, "negative_prompt");
    if (negative != null && !strip(negative).isEmpty()) {
      text.append('\n').append(NEGATIVE).append(' ').append(negative);
    }
    List<String> settings = new ArrayList<>();
    for (Setting setting : Setting.values()) {
      String value =
          setting.number ? number(metadata, setting.field) : string(metadata, setting.field);
      if (value != null) {
        settings.add(setting.key + ": " + (setting.number ? value : SettingsLine.quote(value)));
      }
      if (setting == Setting.SEED) {
        size(metadata).ifPresent(size -> settings.add("Size: " + size));
      }
    }
    if (settings.size() >= MIN_SETTINGS) {
      text.append('\n').append(String.join(", ", settings));
    }
    return Optional.of(text.toString());
  }

  private static void setting(String key, String value, Map<String, JsonValue> fields) {
    if (key.equals("Size")) {
      Matcher size = SIZE.matcher(value);
      if (size.matches()) {
        fields.put("width", Json.createValue(Integer.parseInt(size.group(1))));
        fields.put("height", Json.createValue(Integer.parseInt(size.group(2))));
      }
      return;
    }
    for (Setting setting : Setting.values()) {
      if (setting.key.equals(key)) {
        if (!setting.number) {
          fields.put(setting.field, Json.createValue(value));
        } else if (NUMBER.matcher(value).matches()) {
          fields.put(setting.field, numberValue(value));
        }
      }
    }
  }

  private static JsonValue numberValue(String text) {
    if (text.indexOf('.') >= 0) {
      return Json.createValue(new BigDecimal(text));
    }
    BigInteger integer = new BigInteger(text);
    return integer.bitLength() < 64
        ? Json.createValue(integer.longValue())
        : Json.createValue(integer);
  }

  private static String string(JsonObject metadata, String field) {
    return metadata.get(field) instanceof JsonString s ? s.getString() : null;
  }

  /** A number as a plain decimal A1111 writes, from a JSON number or a string holding one. */
  private static String number(JsonObject metadata, String field) {
    JsonValue value = metadata.get(field);
    String text =
        value instanceof JsonNumber n
            ? n.toString()
            : value instanceof JsonString s ? s.getString() : null;
    return text != null && NUMBER.matcher(text).matches() ? text : null;
  }

  private static Optional<String> size(JsonObject metadata) {
    String width = number(metadata, "width");
    String height = number(metadata, "height");
    String size = width + "x" + height;
    return SIZE.matcher(size).matches() ? Optional.of(size) : Optional.empty();
  }

  /** Python's {@code str.strip}: Unicode whitespace off both ends. */
  private static String strip(String text) {
    int from = 0;
    int to = text.length();
    while (from < to && SettingsLine.isSpace(text.charAt(from))) {
      from++;
    }
    while (to > from && SettingsLine.isSpace(text.charAt(to - 1))) {
      to--;
    }
    return text.substring(from, to);
  }
}
