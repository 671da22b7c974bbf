package org.imagestore.it;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Checks JSON values against the schemas of an OpenAPI document, as OpenAPI 3.0 writes them ({@code
 * nullable}) and as 3.1 does (a type array with {@code "null"}). It knows the keywords the
 * project's document uses and refuses a schema with any other that constrains values, so that a
 * keyword it does not know can never pass a value unchecked.
 */
final class OpenApiSchema {
  private static final String REF_PREFIX = "#/components/schemas/";

  private static final Set<String> CHECKED =
      Set.of(
          "$ref",
          "type",
          "nullable",
          "enum",
          "minimum",
          "maximum",
          "maxLength",
          "format",
          "required",
          "properties",
          "additionalProperties",
          "items");

  /** Keywords that say something about a value to a reader but constrain nothing. */
  private static final Set<String> ANNOTATIONS =
      Set.of("description", "title", "default", "example", "examples", "readOnly", "writeOnly");

  private final JsonObject schemas;

  /** For a parsed document; its {@code components.schemas} are what {@code $ref}s point at. */
  OpenApiSchema(JsonObject document) {
    JsonObject components = document.getJsonObject("components");
    this.schemas =
        components == null || !components.containsKey("schemas")
            ? JsonValue.EMPTY_JSON_OBJECT
            : components.getJsonObject("schemas");
  }

  /** What is wrong with {@code value} against {@code schema}, one line each; empty if nothing. */
  List<String> violations(JsonValue value, JsonObject schema) {
    List<String> found = new ArrayList<>();
    check(value, schema, "$", found);
    return found;
  }

  private void check(JsonValue value, JsonObject schema, String at, List<String> found) {
    for (String keyword : schema.keySet()) {
      if (!CHECKED.contains(keyword) && !ANNOTATIONS.contains(keyword)) {
        throw new IllegalArgumentException("schema keyword not supported: " + keyword);
      }
    }
    if (schema.containsKey("$ref")) {
      check(value, resolve(schema.getString("$ref")), at, found);
    }
    if (!typeMatches(value, schema)) {
      found.add(at + ": " + value.getValueType() + " is not of type " + schema.get("type"));
      return;
    }
    if (schema.containsKey("enum") && !schema.getJsonArray("enum").contains(value)) {
      found.add(at + ": " + value + " is not one of " + schema.get("enum"));
    }
    switch (value.getValueType()) {
      case NUMBER -> checkNumber(((JsonNumber) value), schema, at, found);
      case STRING -> checkString(((JsonString) value).getString(), schema, at, found);
      case OBJECT -> checkObject(value.asJsonObject(), schema, at, found);
      case ARRAY -> checkItems(value.asJsonArray(), schema, at, found);
      default -> {}
    }
  }

  private JsonObject resolve(String ref) {
    String name = ref.startsWith(REF_PREFIX) ? ref.substring(REF_PREFIX.length()) : null;
    if (name == null || !schemas.containsKey(name)) {
      throw new IllegalArgumentException("no schema " + ref + " in the document");
    }
    return schemas.getJsonObject(name);
  }

  /** No {@code type} takes anything; {@code integer} only whole numbers; null only when allowed. */
  private static boolean typeMatches(JsonValue value, JsonObject schema) {
    JsonValue type = schema.get("type");
    if (type == null) {
      return true;
    }
    List<String> types = new ArrayList<>();
    if (type instanceof JsonArray array) {
      array.getValuesAs(JsonString.class).forEach(t -> types.add(t.getString()));
    } else {
      types.add(((JsonString) type).getString());
    }
    if (schema.getBoolean("nullable", false)) {
      types.add("null");
    }
    return switch (value.getValueType()) {
      case NULL -> types.contains("null");
      case TRUE, FALSE -> types.contains("boolean");
      case STRING -> types.contains("string");
      case OBJECT -> types.contains("object");
      case ARRAY -> types.contains("array");
      case NUMBER ->
          types.contains("number")
              || types.contains("integer") && ((JsonNumber) value).isIntegral();
    };
  }

  private static void checkNumber(
      JsonNumber number, JsonObject schema, String at, List<String> found) {
    if (schema.containsKey("minimum")
        && number.bigDecimalValue().compareTo(schema.getJsonNumber("minimum").bigDecimalValue())
            < 0) {
      found.add(at + ": " + number + " is under the minimum " + schema.get("minimum"));
    }
    if (schema.containsKey("maximum")
        && number.bigDecimalValue().compareTo(schema.getJsonNumber("maximum").bigDecimalValue())
            > 0) {
      found.add(at + ": " + number + " is over the maximum " + schema.get("maximum"));
    }
  }

  private static void checkString(String text, JsonObject schema, String at, List<String> found) {
    if (schema.containsKey("maxLength")
        && text.codePointCount(0, text.length()) > schema.getInt("maxLength")) {
      found.add(at + ": longer than " + schema.get("maxLength") + " characters");
    }
    if ("date-time".equals(schema.getString("format", null))) {
      try {
        OffsetDateTime.parse(text);
      } catch (DateTimeParseException e) {
        found.add(at + ": " + text + " is not a date-time");
      }
    }
  }

  private void checkObject(JsonObject object, JsonObject schema, String at, List<String> found) {
    JsonArray required =
        schema.containsKey("required")
            ? schema.getJsonArray("required")
            : JsonValue.EMPTY_JSON_ARRAY;
    for (JsonString name : required.getValuesAs(JsonString.class)) {
      if (!object.containsKey(name.getString())) {
        found.add(at + ": required " + name.getString() + " is missing");
      }
    }
    JsonObject properties = schema.getJsonObject("properties");
    JsonValue additional = schema.get("additionalProperties");
    for (var member : object.entrySet()) {
      String memberAt = at + "." + member.getKey();
      if (properties != null && properties.containsKey(member.getKey())) {
        check(member.getValue(), properties.getJsonObject(member.getKey()), memberAt, found);
      } else if (additional == JsonValue.FALSE) {
        found.add(memberAt + ": not allowed (additionalProperties is false)");
      } else if (additional instanceof JsonObject additionalSchema) {
        check(member.getValue(), additionalSchema, memberAt, found);
      }
    }
  }

  private void checkItems(JsonArray array, JsonObject schema, String at, List<String> found) {
    if (schema.containsKey("items")) {
      for (int i = 0; i < array.size(); i++) {
        check(array.get(i), schema.getJsonObject("items"), at + "[" + i + "]", found);
      }
    }
  }
}
