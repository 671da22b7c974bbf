package org.imagestore.storage;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * A list-images request: a page and the filters. {@code since} is inclusive, {@code before}
 * exclusive; null means no filter. A page starts at {@code offset}, or just after {@code cursor}
 * when one is given.
 */
public record ImageQuery(
    int limit,
    int offset,
    Cursor cursor,
    String q,
    String model,
    String source,
    Instant since,
    Instant before) {

  public static final int DEFAULT_LIMIT = 100;
  public static final int MAX_LIMIT = 1000;

  /** Seed images without a source were saved from the chat's modal, as the seed note says. */
  public static final String DEFAULT_SOURCE = "manual";

  /** Whether the query matches every image. */
  public boolean unfiltered() {
    return q == null && model == null && source == null && since == null && before == null;
  }

  /**
   * Where a page ended, in the newest-first order: the next page is the images after it. Sent to
   * clients as an opaque token, so that the order's columns may change.
   */
  public record Cursor(long createdMicros, String filename) {
    public String token() {
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString((createdMicros + "/" + filename).getBytes(StandardCharsets.UTF_8));
    }

    /** Reads a token; IllegalArgumentException if it is not one this service made. */
    public static Cursor parse(String token) {
      String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      int slash = text.indexOf('/');
      if (slash < 1 || !ImageNames.isImageName(text.substring(slash + 1))) {
        throw new IllegalArgumentException("not a cursor");
      }
      return new Cursor(Long.parseLong(text.substring(0, slash)), text.substring(slash + 1));
    }
  }
}
