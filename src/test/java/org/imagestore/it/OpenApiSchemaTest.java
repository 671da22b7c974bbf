package org.imagestore.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The checker OpenApiIT validates answers with: it must refuse what does not conform. */
class OpenApiSchemaTest {
  /** A document shaped like the served one: a $ref, required fields, free-form metadata. */
  private static final JsonObject DOCUMENT =
      json(
          """
          {"openapi": "3.0.3", "components": {"schemas": {
            "Entry": {"type": "object", "additionalProperties": false,
                      "required": ["filename", "size"],
                      "properties": {
                        "filename": {"type": "string", "maxLength": 20},
                        "size": {"type": "integer", "format": "int64", "minimum": 0},
                        "created_at": {"type": "string", "format": "date-time"},
                        "ok": {"type": "boolean", "enum": [true]},
                        "metadata": {"type": "object", "nullable": true},
                        "next": {"type": ["string", "null"]}}},
            "List": {"type": "object", "required": ["images"],
                     "properties": {"images": {"type": "array",
                                               "items": {"$ref": "#/components/schemas/Entry"}}}}
          }}}
          """);

  private static final OpenApiSchema CHECKER = new OpenApiSchema(DOCUMENT);

  private static JsonObject json(String text) {
    return Json.createReader(new StringReader(text)).readObject();
  }

  private static List<String> violations(String value, String schema) {
    return CHECKER.violations(
        Json.createReader(new StringReader(value)).readValue(),
        DOCUMENT.getJsonObject("components").getJsonObject("schemas").getJsonObject(schema));
  }

  @Test
  void aConformingValuePasses() {
    assertEquals(
        List.of(),
        violations(
            """
            {"images": [{"filename": "a.png", "size": 3, "ok": true,
                         "created_at": "2025-10-29T10:15:30.123456+07:00",
                         "metadata": {"anything": [1, {"goes": null}]}, "next": null},
                        {"filename": "b.png", "size": 0, "metadata": null, "next": "x"}]}
            """,
            "List"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"filename\": 7, \"size\": 3}",
        "{\"filename\": \"a.png\", \"size\": \"3\"}",
        "{\"filename\": \"a.png\", \"size\": 1.5}",
        "{\"filename\": \"a.png\", \"size\": 3, \"metadata\": []}",
        "{\"filename\": null, \"size\": 3}",
        "{\"filename\": \"a.png\", \"size\": 3, \"next\": 1}",
        "[]"
      })
  void aWrongTypeIsRefused(String value) {
    assertEquals(1, violations(value, "Entry").size(), value);
  }

  @Test
  void aMissingRequiredFieldIsRefused() {
    assertEquals(
        List.of("$.images[0]: required size is missing"),
        violations("{\"images\": [{\"filename\": \"a.png\"}]}", "List"));
  }

  @Test
  void anExtraFieldIsRefusedWhereAdditionalPropertiesIsFalse() {
    assertEquals(
        List.of("$.path: not allowed (additionalProperties is false)"),
        violations("{\"filename\": \"a.png\", \"size\": 3, \"path\": \"/x\"}", "Entry"));
    assertEquals(List.of(), violations("{\"images\": [], \"extra\": 1}", "List"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"filename\": \"a.png\", \"size\": -1}",
        "{\"filename\": \"an-image-name-too-long.png\", \"size\": 3}",
        "{\"filename\": \"a.png\", \"size\": 3, \"ok\": false}",
        "{\"filename\": \"a.png\", \"size\": 3, \"created_at\": \"2025-10-29\"}"
      })
  void aValueOutsideItsLimitsIsRefused(String value) {
    assertEquals(1, violations(value, "Entry").size(), value);
  }

  @Test
  void aKeywordItCannotCheckIsNeverPassedOver() {
    JsonObject schema = json("{\"oneOf\": [{\"type\": \"string\"}]}");
    assertThrows(IllegalArgumentException.class, () -> CHECKER.violations(JsonValue.TRUE, schema));
  }

  @Test
  void aRefToNoSchemaIsAnError() {
    JsonObject schema = json("{\"$ref\": \"#/components/schemas/Missing\"}");
    assertThrows(IllegalArgumentException.class, () -> CHECKER.violations(JsonValue.TRUE, schema));
  }
}
