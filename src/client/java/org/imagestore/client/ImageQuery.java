package org.imagestore.client;

/**
 * The filters and page of a list-images call; null means "not sent". Start from {@link #all()}:
 * {@code ImageQuery.all().q("lighthouse").model("sdxl").limit(20)}.
 *
 * @param q case-insensitive text in the prompt
 * @param since an ISO-8601 date or date-time, inclusive
 * @param until an ISO-8601 date or date-time, inclusive (a date takes in the whole day)
 * @param cursor a {@code next_cursor} of an earlier page with the same filters
 */
public record ImageQuery(
    Integer limit,
    Integer offset,
    String cursor,
    String q,
    String model,
    String source,
    String since,
    String until) {

  /** Every image, in pages of the server's default size. */
  public static ImageQuery all() {
    return new ImageQuery(null, null, null, null, null, null, null, null);
  }

  public ImageQuery limit(Integer limit) {
    return new ImageQuery(limit, offset, cursor, q, model, source, since, until);
  }

  public ImageQuery offset(Integer offset) {
    return new ImageQuery(limit, offset, cursor, q, model, source, since, until);
  }

  public ImageQuery cursor(String cursor) {
    return new ImageQuery(limit, offset, cursor, q, model, source, since, until);
  }

  public ImageQuery q(String q) {
    return new ImageQuery(limit, offset, cursor, q, model, source, since, until);
  }

  public ImageQuery model(String model) {
    return new ImageQuery(limit, offset, cursor, q, model, source, since, until);
  }

  public ImageQuery source(String source) {
    return new ImageQuery(limit, offset, cursor, q, model, source, since, until);
  }

  public ImageQuery since(String since) {
    return new ImageQuery(limit, offset, cursor, q, model, source, since, until);
  }

  public ImageQuery until(String until) {
    return new ImageQuery(limit, offset, cursor, q, model, source, since, until);
  }
}
