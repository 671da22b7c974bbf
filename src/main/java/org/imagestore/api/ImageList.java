package org.imagestore.api;

import java.util.List;

/**
 * The list-images answer: one page, {@code count}, the number of matches in all, and {@code
 * next_cursor}, where the next page starts (absent on the last page). Written by {@link
 * ImageListWriter}.
 */
public record ImageList(
    List<ImageView> images, long count, int limit, int offset, String nextCursor) {}
