package org.imagestore.client;

import jakarta.json.bind.annotation.JsonbProperty;
import java.util.List;

/**
 * The delete-images body: exactly one field is set, so build it with {@link #filenames}, {@link
 * #olderThanDays} or {@link #before}.
 */
public record DeleteImages(
    List<String> filenames, @JsonbProperty("older_than_days") Long olderThanDays, String before) {

  public static DeleteImages filenames(List<String> filenames) {
    return new DeleteImages(filenames, null, null);
  }

  public static DeleteImages olderThanDays(long days) {
    return new DeleteImages(null, days, null);
  }

  /** Images created before an ISO-8601 date or date-time. */
  public static DeleteImages before(String dateOrDateTime) {
    return new DeleteImages(null, null, dateOrDateTime);
  }
}
