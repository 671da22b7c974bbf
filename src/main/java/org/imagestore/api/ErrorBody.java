package org.imagestore.api;

import jakarta.json.Json;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The contract's error body, {@code {"success": false, "error": "..."}}, for API and servlet. */
public record ErrorBody(boolean success, String error) {
  public static String json(String error) {
    return Json.createObjectBuilder()
        .add("success", false)
        .add("error", error == null ? "error" : error)
        .build()
        .toString();
  }

  static Response.ResponseBuilder response(int status, String error) {
    return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(json(error));
  }
}
