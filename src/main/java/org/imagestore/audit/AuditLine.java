package org.imagestore.audit;

import jakarta.json.JsonObjectBuilder;
import org.imagestore.storage.JsonText;

/**
 * One audited request, as one line of JSON after the marker {@code imagestore-audit}: a log shipper
 * finds the lines by the marker or the logger and parses the rest, whatever the server's own layout
 * around it.
 *
 * @param action {@code save}, {@code generate}, {@code delete} or {@code delete-images}
 * @param status the HTTP status answered
 * @param name the image's name, or null when there is none (a refused save)
 * @param owner who made the request (with auth on), or null: auth off, or credentials refused
 * @param client the address the request came from
 * @param forwardedFor the request's {@code X-Forwarded-For}, or null; as the client sent it, so
 *     only as trustworthy as the front server that sets it
 */
record AuditLine(
    String action, int status, String name, String owner, String client, String forwardedFor) {
  static final String MARKER = "imagestore-audit";

  String toJson() {
    JsonObjectBuilder json =
        JsonText.PROVIDER
            .createObjectBuilder()
            .add("action", action)
            .add("status", status)
            .add("outcome", status < 400 ? "ok" : status < 500 ? "refused" : "failed");
    add(json, "name", name);
    add(json, "owner", owner);
    add(json, "client", client);
    add(json, "forwarded_for", forwardedFor);
    return json.build().toString();
  }

  private static void add(JsonObjectBuilder json, String key, String value) {
    if (value == null) {
      json.addNull(key);
    } else {
      json.add(key, value);
    }
  }
}
