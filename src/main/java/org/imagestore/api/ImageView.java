package org.imagestore.api;

import jakarta.json.JsonObject;
import org.imagestore.storage.StoredImage;
import org.imagestore.storage.Timestamps;

/** One entry of list-images; {@code owner} is left out when the image has none. */
public record ImageView(
    String filename,
    String url,
    String thumbnailUrl,
    String createdAt,
    long size,
    Integer width,
    Integer height,
    JsonObject metadata,
    String owner) {

  static ImageView of(StoredImage image, ImageUrls urls) {
    return new ImageView(
        image.filename(),
        urls.path(image.filename()),
        urls.thumbnail(image.filename()),
        Timestamps.format(image.createdAt()),
        image.size(),
        image.width(),
        image.height(),
        image.metadata(),
        image.owner());
  }
}
