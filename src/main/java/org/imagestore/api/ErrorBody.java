package org.imagestore.api;

import jakarta.json.Json;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;

/** The contract's error body, {@code {"success": false, "error": "..."}}, for API and servlet. */
public record ErrorBody(boolean success, String error) {
  public static String json(String error) {
    return Json.createObjectBuilder()
        .add("success", false)
        .add("error", error == null ? "error" : error)
        .build()
        .toString();
  }

  /** The same, written by a servlet or filter outside JAX-RS; never cached. */
  public static void send(HttpServletResponse response, int status, String error)
      throws IOException {
    response.setStatus(status);
    response.setHeader("Cache-Control", "no-store");
    response.setContentType("application/json");
    response.setCharacterEncoding("UTF-8");
    response.getWriter().write(json(error));
  }

  static Response.ResponseBuilder response(int status, String error) {
    return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(json(error));
  }
}
