package org.imagestore.api;

import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

/** The save-image answer; {@code path} is null (and left out) unless the admin exposes it. */
@JsonbPropertyOrder({
  "success",
  "filename",
  "url",
  "thumbnailUrl",
  "createdAt",
  "size",
  "width",
  "height",
  "path"
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
    String path) {}
