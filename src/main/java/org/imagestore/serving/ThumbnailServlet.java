package org.imagestore.serving;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import org.imagestore.derived.DerivedImages;
import org.imagestore.storage.Failure;
import org.imagestore.storage.ImageStoreException;

/**
 * Derived copies of the stored images, at {@code /storage/thumbnails/<width>/<name>}: a path, so
 * that every cache keys on it, and immutable like the image, which never changes either.
 */
@WebServlet(name = "thumbnails", urlPatterns = ThumbnailServlet.PREFIX + "*")
public class ThumbnailServlet extends StoredBytesServlet {
  private static final long serialVersionUID = 1L;

  /** Where derived images are served; the API builds every {@code thumbnail_url} on it. */
  public static final String PREFIX = "/storage/thumbnails/";

  @Inject transient DerivedImages derived;

  @Override
  String imageName(String path) {
    return path.substring(path.indexOf('/') + 1);
  }

  @Override
  Served open(String path) {
    int slash = path.indexOf('/');
    if (slash < 1 || slash > 4 || !path.substring(0, slash).chars().allMatch(Character::isDigit)) {
      throw new ImageStoreException(
          Failure.INVALID_INPUT, "a thumbnail's path is <width>/<image name>");
    }
    int width = Integer.parseInt(path.substring(0, slash));
    return new Served(derived.open(imageName(path), width), derived.mediaType());
  }
}
