package org.imagestore.api;

import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;

/**
 * The list-images answer: one page, {@code count}, the number of matches in all, and {@code
 * next_cursor}, where the next page starts (absent on the last page).
 */
@JsonbPropertyOrder({"images", "count", "limit", "offset", "nextCursor"})
public record ImageList(
    List<ImageView> images,
    long count,
    int limit,
    int offset,
    @JsonbProperty("next_cursor") String nextCursor) {}
