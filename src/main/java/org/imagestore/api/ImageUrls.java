package org.imagestore.api;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.imagestore.access.PrivateImages;
import org.imagestore.derived.DerivedConfig;
import org.imagestore.serving.ImageServlet;
import org.imagestore.serving.ServingConfig;
import org.imagestore.serving.ThumbnailServlet;

/**
 * The one place that turns a file name into its URLs: the image's under {@code
 * imagestore.public-base-url} when set (a CDN or a static host), else under this application's
 * context root; the thumbnail's always under the context root, where it is made.
 */
final class ImageUrls {
  private final HttpServletRequest request;
  private final ServingConfig serving;
  private final PrivateImages privateImages;
  private final DerivedConfig derived;
  private final Map<String, String> queries = new HashMap<>();

  ImageUrls(
      HttpServletRequest request,
      ServingConfig serving,
      PrivateImages privateImages,
      DerivedConfig derived) {
    this.request = request;
    this.serving = serving;
    this.privateImages = privateImages;
    this.derived = derived;
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
    return signed(path, filename);
  }

  /** {@code thumbnail_url}: {@code /storage/thumbnails/<imagestore.thumbnail-width>/<name>}. */
  String thumbnail(String filename) {
    String path =
        request.getContextPath()
            + ThumbnailServlet.PREFIX
            + derived.thumbnailWidth()
            + "/"
            + filename;
    return signed(path, filename);
  }

  /**
   * A private image's URLs carry the signature of its name, thumbnails included: one HMAC per name
   * and request, however many of its URLs the answer holds.
   */
  private String signed(String path, String filename) {
    return privateImages.enabled()
        ? path + "?" + queries.computeIfAbsent(filename, privateImages::query)
        : path;
  }

  /** The absolute URL, for {@code Location}. */
  URI absolute(String filename) {
    return URI.create(request.getRequestURL().toString()).resolve(path(filename));
  }
}
