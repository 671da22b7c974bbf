package org.imagestore.storage;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.util.AbstractMap;
import java.util.Map;
import java.util.Set;

/**
 * A JSON object kept as the text it was stored as (the index's metadata column), parsed only when a
 * member is asked for. Listing a page only copies each image's metadata out again, and {@link
 * #toString()} is that text, so a page of list-images parses none of it.
 */
public final class JsonText extends AbstractMap<String, JsonValue> implements JsonObject {
  /**
   * {@code Json}'s static methods look the provider up with a ServiceLoader on every call, which
   * was a third of a list-images page's CPU (bench/run.sh, JFR): the hot paths use this one.
   */
  public static final JsonProvider PROVIDER = JsonProvider.provider();

  private final String text;
  private volatile JsonObject parsed;

  /** {@code text} must be a JSON object as {@link JsonObject#toString()} writes it. */
  public JsonText(String text) {
    this.text = text;
  }

  private JsonObject parsed() {
    JsonObject object = parsed;
    if (object == null) {
      try (var reader = PROVIDER.createReader(new StringReader(text))) {
        object = reader.readObject();
      }
      parsed = object;
    }
    return object;
  }

  @Override
  public String toString() {
    return text;
  }

  @Override
  public Set<Map.Entry<String, JsonValue>> entrySet() {
    return parsed().entrySet();
  }

  @Override
  public JsonValue get(Object key) {
    return parsed().get(key);
  }

  @Override
  public boolean containsKey(Object key) {
    return parsed().containsKey(key);
  }

  @Override
  public JsonArray getJsonArray(String name) {
    return parsed().getJsonArray(name);
  }

  @Override
  public JsonObject getJsonObject(String name) {
    return parsed().getJsonObject(name);
  }

  @Override
  public JsonNumber getJsonNumber(String name) {
    return parsed().getJsonNumber(name);
  }

  @Override
  public JsonString getJsonString(String name) {
    return parsed().getJsonString(name);
  }

  @Override
  public String getString(String name) {
    return parsed().getString(name);
  }

  @Override
  public String getString(String name, String defaultValue) {
    return parsed().getString(name, defaultValue);
  }

  @Override
  public int getInt(String name) {
    return parsed().getInt(name);
  }

  @Override
  public int getInt(String name, int defaultValue) {
    return parsed().getInt(name, defaultValue);
  }

  @Override
  public boolean getBoolean(String name) {
    return parsed().getBoolean(name);
  }

  @Override
  public boolean getBoolean(String name, boolean defaultValue) {
    return parsed().getBoolean(name, defaultValue);
  }

  @Override
  public boolean isNull(String name) {
    return parsed().isNull(name);
  }

  @Override
  public ValueType getValueType() {
    return ValueType.OBJECT;
  }
}
