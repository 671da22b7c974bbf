package org.imagestore.it;

import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A {@code multipart/form-data} body written byte by byte, as a browser writes one, so that tests
 * control every boundary and header (and can break them).
 */
public final class FormBody {
  public static final String BOUNDARY = "----imagestoreFormBoundary7MA4YWxkTrZu0gW";

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  public FormBody file(String name, String filename, byte[] content) {
    return part(
        "Content-Disposition: form-data; name=\""
            + name
            + "\"; filename=\""
            + filename
            + "\"\r\nContent-Type: image/png",
        content);
  }

  public FormBody field(String name, String value) {
    return part(
        "Content-Disposition: form-data; name=\"" + name + "\"",
        value.getBytes(StandardCharsets.UTF_8));
  }

  private FormBody part(String headers, byte[] content) {
    out.writeBytes(
        ("--" + BOUNDARY + "\r\n" + headers + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    out.writeBytes(content);
    out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
    return this;
  }

  /** The body with its closing boundary. */
  public byte[] bytes() {
    ByteArrayOutputStream done = new ByteArrayOutputStream();
    done.writeBytes(out.toByteArray());
    done.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.ISO_8859_1));
    return done.toByteArray();
  }

  public static String contentType() {
    return "multipart/form-data; boundary=" + BOUNDARY;
  }

  public Response post(WebTarget target) {
    return target.request().post(Entity.entity(bytes(), contentType()));
  }
}
