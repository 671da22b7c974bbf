package org.imagestore.api;

import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import org.imagestore.storage.ImageStore;
import org.imagestore.storage.SaveOutcome;
import org.imagestore.storage.StoredImage;
import org.imagestore.storage.Timestamps;

/**
 * The save-image answer; {@code path} is null (and left out) unless the admin exposes it, {@code
 * duplicate} unless {@code imagestore.dedup} found the bytes already stored.
 */
@JsonbPropertyOrder({
  "success",
  "filename",
  "url",
  "thumbnailUrl",
  "createdAt",
  "size",
  "width",
  "height",
  "path",
  "duplicate"
})
public record SavedImage(
    boolean success,
    String filename,
    String url,
    @JsonbProperty("thumbnail_url") String thumbnailUrl,
    @JsonbProperty("created_at") String createdAt,
    long size,
    int width,
    int height,
    String path,
    Boolean duplicate) {

  /** The answer for what a save did: its URLs as the request sees them. */
  static SavedImage of(SaveOutcome outcome, ImageUrls urls, ImageStore store) {
    StoredImage image = outcome.image();
    return new SavedImage(
        true,
        image.filename(),
        urls.path(image.filename()),
        urls.thumbnail(image.filename()),
        Timestamps.format(image.createdAt()),
        image.size(),
        image.width(),
        image.height(),
        store.config().exposePath() ? store.locationOf(image.filename()) : null,
        outcome.duplicate() ? Boolean.TRUE : null);
  }
}
