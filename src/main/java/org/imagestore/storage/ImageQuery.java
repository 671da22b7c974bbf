package org.imagestore.storage;

import java.time.Instant;
import java.util.Locale;

/**
 * A list-images request: a page and the filters. {@code since} is inclusive, {@code before}
 * exclusive; null means no filter.
 */
public record ImageQuery(
    int limit, int offset, String q, String model, String source, Instant since, Instant before) {

  public static final int DEFAULT_LIMIT = 100;
  public static final int MAX_LIMIT = 1000;

  /** Seed images without a source were saved from the chat's modal, as the seed note says. */
  static final String DEFAULT_SOURCE = "manual";

  boolean matches(StoredImage image) {
    if (q != null) {
      String prompt = image.metadataString("prompt");
      if (prompt == null || !prompt.toLowerCase(Locale.ROOT).contains(q.toLowerCase(Locale.ROOT))) {
        return false;
      }
    }
    if (model != null && !model.equals(image.metadataString("model"))) {
      return false;
    }
    if (source != null) {
      String actual = image.metadataString("source");
      if (!source.equals(actual == null ? DEFAULT_SOURCE : actual)) {
        return false;
      }
    }
    Instant created = image.createdAt().toInstant();
    return (since == null || !created.isBefore(since))
        && (before == null || created.isBefore(before));
  }
}
