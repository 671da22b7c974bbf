package org.imagestore.serving;

import java.util.Optional;

/**
 * One byte range from a {@code Range} header, resolved against the content's size. Only a single
 * range is served; a header with several, or one that does not parse, is ignored as RFC 9110
 * allows, and the whole body is sent.
 */
public record ByteRange(long start, long end) {
  private static final ByteRange UNSATISFIABLE = new ByteRange(-1, -1);
  private static final long ABSENT = -1;
  private static final long INVALID = -2;

  /** The range, empty to send the whole body, or one that is not {@link #satisfiable()}. */
  public static Optional<ByteRange> parse(String header, long size) {
    if (header == null || !header.regionMatches(true, 0, "bytes=", 0, 6)) {
      return Optional.empty();
    }
    String spec = header.substring(6).trim();
    int dash = spec.indexOf('-');
    if (dash < 0 || spec.indexOf(',') >= 0) {
      return Optional.empty();
    }
    long first = number(spec.substring(0, dash).trim());
    long last = number(spec.substring(dash + 1).trim());
    if (first == INVALID || last == INVALID || (first == ABSENT && last == ABSENT)) {
      return Optional.empty();
    }
    if (first == ABSENT) {
      // Suffix range: the last N bytes.
      return Optional.of(
          last == 0 || size == 0
              ? UNSATISFIABLE
              : new ByteRange(Math.max(0, size - last), size - 1));
    }
    if (last != ABSENT && last < first) {
      return Optional.empty();
    }
    if (first >= size) {
      return Optional.of(UNSATISFIABLE);
    }
    return Optional.of(new ByteRange(first, last == ABSENT ? size - 1 : Math.min(last, size - 1)));
  }

  private static long number(String text) {
    if (text.isEmpty()) {
      return ABSENT;
    }
    if (text.length() > 18 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return INVALID;
    }
    return Long.parseLong(text);
  }

  public boolean satisfiable() {
    return start >= 0;
  }

  public long length() {
    return end - start + 1;
  }
}
