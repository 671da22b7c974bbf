package org.imagestore.api;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

/**
 * One JSON-B instance for every answer. Without it RESTEasy made a new one per request, and JSON-B
 * then read the answer records' annotations again every time (a sixth of a list-images request's
 * CPU, JFR); JSON-B instances are thread-safe and keep what they have read.
 */
@Provider
public class JsonbResolver implements ContextResolver<Jsonb> {
  private final Jsonb jsonb = JsonbBuilder.create();

  @Override
  public Jsonb getContext(Class<?> type) {
    return jsonb;
  }
}
