package org.imagestore.api;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.imagestore.serving.ImageServlet;

/** The one place that turns a file name into its URL, context root included. */
final class ImageUrls {
  private final HttpServletRequest request;

  ImageUrls(HttpServletRequest request) {
    this.request = request;
  }

  /** The URL path clients store, e.g. {@code /storage/images/generated_....png}. */
  String path(String filename) {
    return request.getContextPath() + ImageServlet.PREFIX + filename;
  }

  /** The absolute URL, for {@code Location}. */
  URI absolute(String filename) {
    return URI.create(request.getRequestURL().toString()).resolve(path(filename));
  }
}
