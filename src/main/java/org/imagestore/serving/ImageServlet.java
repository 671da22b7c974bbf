package org.imagestore.serving;

import jakarta.servlet.annotation.WebServlet;

/** The stored images themselves, at {@code /storage/images/<name>}, as they were saved. */
@WebServlet(name = "images", urlPatterns = ImageServlet.PREFIX + "*")
public class ImageServlet extends StoredBytesServlet {
  private static final long serialVersionUID = 1L;

  /** Where images are served; the API builds every image URL on it. */
  public static final String PREFIX = "/storage/images/";

  @Override
  String imageName(String path) {
    return path;
  }

  @Override
  Served open(String path) {
    return new Served(store.open(path), "image/png");
  }
}
