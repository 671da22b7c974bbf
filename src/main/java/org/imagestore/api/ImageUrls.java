package org.imagestore.api;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.imagestore.access.PrivateImages;
import org.imagestore.serving.ImageServlet;
import org.imagestore.serving.ServingConfig;

/**
 * The one place that turns a file name into its URL: under {@code imagestore.public-base-url} when
 * set (a CDN or a static host), else under this application's context root.
 */
final class ImageUrls {
  private final HttpServletRequest request;
  private final ServingConfig serving;
  private final PrivateImages privateImages;

  ImageUrls(HttpServletRequest request, ServingConfig serving, PrivateImages privateImages) {
    this.request = request;
    this.serving = serving;
    this.privateImages = privateImages;
  }

  /**
   * The URL clients store, e.g. {@code /storage/images/generated_....png}; signed, with {@code
   * ?expires=...&sig=...}, when images are private.
   */
  String path(String filename) {
    String path =
        serving
            .publicBaseUrl()
            .map(base -> base + filename)
            .orElseGet(() -> request.getContextPath() + ImageServlet.PREFIX + filename);
    return privateImages.enabled() ? path + "?" + privateImages.query(filename) : path;
  }

  /** The absolute URL, for {@code Location}. */
  URI absolute(String filename) {
    return URI.create(request.getRequestURL().toString()).resolve(path(filename));
  }
}
