package org.imagestore.api;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.imagestore.serving.ImageServlet;
import org.imagestore.serving.ServingConfig;

/**
 * The one place that turns a file name into its URL: under {@code imagestore.public-base-url} when
 * set (a CDN or a static host), else under this application's context root.
 */
final class ImageUrls {
  private final HttpServletRequest request;
  private final ServingConfig serving;

  ImageUrls(HttpServletRequest request, ServingConfig serving) {
    this.request = request;
    this.serving = serving;
  }

  /** The URL clients store, e.g. {@code /storage/images/generated_....png}. */
  String path(String filename) {
    return serving
        .publicBaseUrl()
        .map(base -> base + filename)
        .orElseGet(() -> request.getContextPath() + ImageServlet.PREFIX + filename);
  }

  /** The absolute URL, for {@code Location}. */
  URI absolute(String filename) {
    return URI.create(request.getRequestURL().toString()).resolve(path(filename));
  }
}
