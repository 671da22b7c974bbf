package org.imagestore.api;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;

/** The list-images answer: one page, and {@code count}, the number of matches in all. */
@JsonbPropertyOrder({"images", "count", "limit", "offset"})
public record ImageList(List<ImageView> images, long count, int limit, int offset) {}
