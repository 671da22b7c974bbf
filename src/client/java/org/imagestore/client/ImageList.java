package org.imagestore.client;

import jakarta.json.bind.annotation.JsonbProperty;
import java.util.List;

/**
 * One page of list-images: {@code count} is the number of matches in all, {@code nextCursor} where
 * the next page starts (null on the last page).
 */
public record ImageList(
    List<ImageEntry> images,
    long count,
    int limit,
    int offset,
    @JsonbProperty("next_cursor") String nextCursor) {}
