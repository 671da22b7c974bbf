package org.imagestore.storage;

import java.security.SecureRandom;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place for file names: what a stored image is called, its sidecar, and temp files. A name
 * that does not match {@link #PATTERN} is never resolved against the storage folder, which is what
 * keeps traversal ({@code ..}, separators, absolute paths) out.
 */
public final class ImageNames {
  /**
   * The longest suffix a name may have. Ours are 11 characters; the bound keeps every name, and its
   * sidecar's, far inside the 255 bytes that file systems (and object keys) allow, so that an
   * over-long name is a plain "not an image name" instead of a file system error.
   */
  static final int MAX_SUFFIX_CHARS = 64;

  public static final Pattern PATTERN =
      Pattern.compile(
          "^generated_(\\d{8}_\\d{6})(_[A-Za-z0-9]{1," + MAX_SUFFIX_CHARS + "})?\\.png$");

  /** What every stored image's name, and its sidecar's, starts with. */
  public static final String PREFIX = "generated_";

  /** Strict: the default resolver would turn 20250231 into February 28 instead of refusing it. */
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("uuuuMMdd_HHmmss").withResolverStyle(ResolverStyle.STRICT);

  private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("SSS");
  private static final char[] ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz".toCharArray();
  private static final int RANDOM_CHARS = 8;
  private static final SecureRandom RANDOM = new SecureRandom();

  private ImageNames() {}

  public static boolean isImageName(String name) {
    return name != null && PATTERN.matcher(name).matches();
  }

  /**
   * A fresh name for an image saved at {@code time}: the seed's timestamp plus milliseconds and a
   * random part, so that saves in the same millisecond still get different names.
   */
  static String newName(ZonedDateTime time) {
    StringBuilder name =
        new StringBuilder(PREFIX)
            .append(STAMP.format(time))
            .append('_')
            .append(MILLIS.format(time));
    for (int i = 0; i < RANDOM_CHARS; i++) {
      name.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
    }
    return name.append(".png").toString();
  }

  public static String sidecarName(String imageName) {
    return imageName.substring(0, imageName.length() - ".png".length()) + ".json";
  }

  /** The timestamp in the name, read in {@code zone}; empty if it is not a real date. */
  static Optional<ZonedDateTime> timestamp(String imageName, ZoneId zone) {
    Matcher m = PATTERN.matcher(imageName);
    if (!m.matches()) {
      return Optional.empty();
    }
    try {
      return Optional.of(LocalDateTime.parse(m.group(1), STAMP).atZone(zone));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
