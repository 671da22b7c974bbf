package org.imagestore.storage;

import java.time.Instant;

/**
 * A list-images request: a page and the filters. {@code since} is inclusive, {@code before}
 * exclusive; null means no filter.
 */
public record ImageQuery(
    int limit, int offset, String q, String model, String source, Instant since, Instant before) {

  public static final int DEFAULT_LIMIT = 100;
  public static final int MAX_LIMIT = 1000;

  /** Seed images without a source were saved from the chat's modal, as the seed note says. */
  public static final String DEFAULT_SOURCE = "manual";
}
