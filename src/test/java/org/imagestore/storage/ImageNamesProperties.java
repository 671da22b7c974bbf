package org.imagestore.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.imagestore.Mutations;

/**
 * ImageNames decides which file names are images: {@code isImageName} agrees, for any string, with
 * a hand-written reading of the documented rule {@code
 * ^generated_\d{8}_\d{6}(_[A-Za-z0-9]{1,64})?\.png$}; the names it makes are image names; names
 * with traversal characters or an over-long suffix never are; the helpers never throw.
 */
class ImageNamesProperties {
  private static final String ALNUM =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  private static final List<ZoneId> ZONES =
      new TreeSet<>(ZoneId.getAvailableZoneIds()).stream().map(ZoneId::of).toList();

  @Property
  void isImageNameIsTheDocumentedRule(@ForAll("anyName") String name) {
    assertEquals(rule(name), ImageNames.isImageName(name), () -> "for " + quoted(name));
  }

  /** Years 0000 to 9999: the name has room for four digits, and saves are stamped with now. */
  @Property
  void newNamesAreImageNamesWithTheirTimestamp(@ForAll("times") ZonedDateTime time) {
    String name = ImageNames.newName(time);
    assertTrue(rule(name), name);
    assertTrue(ImageNames.isImageName(name), name);
    assertEquals(
        Optional.of(time.toLocalDateTime().truncatedTo(ChronoUnit.SECONDS)),
        ImageNames.timestamp(name, time.getZone()).map(ZonedDateTime::toLocalDateTime),
        name);
  }

  @Property
  void hostileMutationsAreNeverImageNames(@ForAll("hostileName") String name) {
    assertFalse(rule(name), () -> "oracle accepts " + quoted(name));
    assertFalse(ImageNames.isImageName(name), () -> "accepted " + quoted(name));
  }

  @Property
  void validNamesHaveTheirSidecar(@ForAll("validName") String name) {
    assertTrue(ImageNames.isImageName(name), name);
    String sidecar = ImageNames.sidecarName(name);
    String stem = name.substring(0, name.length() - ".png".length());
    assertEquals(stem + ".json", sidecar);
    assertFalse(ImageNames.isImageName(sidecar), sidecar);
  }

  /** The timestamp is there exactly for image names whose digits are a real date and time. */
  @Property
  void timestampNeverThrows(@ForAll("nonNullName") String name, @ForAll("zone") ZoneId zone) {
    Optional<ZonedDateTime> time = ImageNames.timestamp(name, zone);
    assertEquals(rule(name) && realDateTime(name.substring(10, 25)), time.isPresent(), name);
  }

  // --- the oracle, by hand ---

  static boolean rule(String name) {
    String prefix = "generated_";
    String extension = ".png";
    if (name == null
        || name.length() < prefix.length() + 15 + extension.length()
        || !name.startsWith(prefix)
        || !name.endsWith(extension)) {
      return false;
    }
    String middle = name.substring(prefix.length(), name.length() - extension.length());
    for (int i = 0; i < 15; i++) {
      char c = middle.charAt(i);
      boolean ok = i == 8 ? c == '_' : c >= '0' && c <= '9';
      if (!ok) {
        return false;
      }
    }
    if (middle.length() == 15) {
      return true;
    }
    String suffix = middle.substring(15);
    if (suffix.charAt(0) != '_' || suffix.length() < 2 || suffix.length() > 65) {
      return false;
    }
    for (int i = 1; i < suffix.length(); i++) {
      char c = suffix.charAt(i);
      if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
        return false;
      }
    }
    return true;
  }

  /** {@code yyyyMMdd_HHmmss} names a real date and time (Gregorian, no leap seconds). */
  static boolean realDateTime(String stamp) {
    int year = Integer.parseInt(stamp.substring(0, 4));
    int month = Integer.parseInt(stamp.substring(4, 6));
    int day = Integer.parseInt(stamp.substring(6, 8));
    int hour = Integer.parseInt(stamp.substring(9, 11));
    int minute = Integer.parseInt(stamp.substring(11, 13));
    int second = Integer.parseInt(stamp.substring(13, 15));
    boolean leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    int[] days = {31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month >= 1
        && month <= 12
        && day >= 1
        && day <= days[month - 1]
        && hour <= 23
        && minute <= 59
        && second <= 59;
  }

  // --- generators ---

  @Provide
  Arbitrary<String> validName() {
    Arbitrary<String> digits8 = Arbitraries.strings().numeric().ofLength(8);
    Arbitrary<String> digits6 = Arbitraries.strings().numeric().ofLength(6);
    Arbitrary<String> suffix =
        Arbitraries.oneOf(
            Arbitraries.just(""),
            Arbitraries.strings()
                .withChars(ALNUM)
                .ofMinLength(1)
                .ofMaxLength(64)
                .map(s -> "_" + s));
    return Combinators.combine(digits8, digits6, suffix)
        .as((d, t, s) -> "generated_" + d + "_" + t + s + ".png");
  }

  /** A valid name with a few characters inserted, deleted, replaced or cut off. */
  @Provide
  Arbitrary<String> mutatedName() {
    Arbitrary<Character> chars =
        Arbitraries.oneOf(
            Arbitraries.chars().with(ALNUM + "_./\\\u0000 -:\u0660\uff10"), Arbitraries.chars());
    return Mutations.mutated(validName(), chars, 4);
  }

  @Provide
  Arbitrary<String> nonNullName() {
    return Arbitraries.frequencyOf(
        Tuple.of(3, validName()),
        Tuple.of(4, mutatedName()),
        Tuple.of(2, Arbitraries.strings().all().ofMaxLength(80)),
        Tuple.of(2, Arbitraries.strings().withChars(ALNUM + "_.").ofMaxLength(100)),
        Tuple.of(
            1,
            Arbitraries.strings()
                .withChars("generated_0123456789.png/\\")
                .ofMinLength(10_000)
                .ofMaxLength(100_000)),
        Tuple.of(
            1,
            Arbitraries.integers()
                .between(65, 100_000)
                .map(n -> "generated_20251029_101530_" + "a".repeat(n) + ".png")));
  }

  @Provide
  Arbitrary<String> anyName() {
    return nonNullName().injectNull(0.02);
  }

  /** Valid names made hostile: a separator, {@code ..} or NUL inserted, or a suffix over 64. */
  @Provide
  Arbitrary<String> hostileName() {
    Arbitrary<String> inserted =
        Combinators.combine(
                validName(),
                Arbitraries.of("/", "\\", "..", "\u0000", "../", "..\\", "/..", "\u0000.png"),
                Arbitraries.integers().greaterOrEqual(0))
            .as(
                (name, bad, at) -> {
                  int i = at % (name.length() + 1);
                  return name.substring(0, i) + bad + name.substring(i);
                });
    Arbitrary<String> longSuffix =
        Combinators.combine(
                validName(),
                Arbitraries.strings().withChars(ALNUM).ofMinLength(65).ofMaxLength(2000))
            .as((name, suffix) -> name.substring(0, 25) + "_" + suffix + ".png");
    return Arbitraries.oneOf(inserted, longSuffix);
  }

  @Provide
  Arbitrary<ZoneId> zone() {
    return Arbitraries.of(ZONES);
  }

  @Provide
  Arbitrary<ZonedDateTime> times() {
    long first = LocalDateTime.of(0, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC);
    long last = LocalDateTime.of(9999, 12, 31, 23, 59, 59).toEpochSecond(ZoneOffset.UTC);
    return Combinators.combine(
            Arbitraries.longs().between(first, last),
            Arbitraries.integers().between(0, 999_999_999),
            zone())
        .as(
            (seconds, nanos, zone) ->
                LocalDateTime.ofEpochSecond(seconds, nanos, ZoneOffset.UTC).atZone(zone))
        .filter(t -> t.getYear() >= 0 && t.getYear() <= 9999);
  }

  private static String quoted(String s) {
    if (s == null) {
      return "null";
    }
    String shown = s.length() > 200 ? s.substring(0, 200) + "... (" + s.length() + " chars)" : s;
    StringBuilder b = new StringBuilder("\"");
    shown
        .chars()
        .forEach(c -> b.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", c) : (char) c));
    return b.append('"').toString();
  }
}
