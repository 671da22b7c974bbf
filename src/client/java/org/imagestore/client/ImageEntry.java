package org.imagestore.client;

import jakarta.json.JsonObject;
import jakarta.json.bind.annotation.JsonbProperty;

/**
 * One image of list-images; {@code width} and {@code height} are null for an unreadable file,
 * {@code owner} for an image saved with auth off.
 */
public record ImageEntry(
    String filename,
    String url,
    @JsonbProperty("thumbnail_url") String thumbnailUrl,
    @JsonbProperty("created_at") String createdAt,
    long size,
    Integer width,
    Integer height,
    JsonObject metadata,
    String owner) {}
