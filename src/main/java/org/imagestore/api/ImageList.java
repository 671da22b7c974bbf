package org.imagestore.api;

import java.util.List;

/** The list-images answer: one page, and {@code count}, the number of matches in all. */
public record ImageList(List<ImageView> images, long count, int limit, int offset) {}
