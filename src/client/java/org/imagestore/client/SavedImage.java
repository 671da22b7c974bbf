package org.imagestore.client;

import jakarta.json.bind.annotation.JsonbProperty;

/**
 * The save-image answer. {@code url} is the image's path on the server (context root included);
 * {@code thumbnail_url} that of a small copy (about 256 px wide); {@code size}, {@code width} and
 * {@code height} are read from the stored bytes; {@code path} is null unless the server exposes it.
 */
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
