package org.imagestore.client;

import jakarta.json.JsonObject;

/**
 * The save-image body.
 *
 * @param image the PNG as base64, or a {@code data:image/png;base64,} URL
 * @param metadata the generation parameters, stored in the sidecar as given (the server adds {@code
 *     "source": "manual"} when there is no {@code source}); may be null
 */
public record SaveImage(String image, JsonObject metadata) {}
