package org.imagestore.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.imagestore.Mutations;

/**
 * ByteRange.parse never throws; what it returns lies inside the content; a single {@code
 * bytes=first-last} is resolved as RFC 9110 section 14.1.2 says; several ranges are ignored (the
 * whole body is sent), however many there are.
 */
class ByteRangeProperties {
  private static final String RANGE_CHARS = "0123456789-,= \t;bytesBYTES\u0660\uff11+";

  @Property
  void neverThrowsAndStaysInsideTheContent(
      @ForAll("header") String header, @ForAll("size") long size) {
    Optional<ByteRange> range = ByteRange.parse(header, size);
    range.ifPresent(
        r -> {
          if (r.satisfiable()) {
            assertTrue(0 <= r.start() && r.start() <= r.end() && r.end() <= size - 1, r::toString);
            assertTrue(r.length() >= 1 && r.length() <= size, r::toString);
          } else {
            assertEquals(new ByteRange(-1, -1), r);
          }
        });
  }

  @Property
  void singleRangeIsResolvedAsRfc9110Says(
      @ForAll("position") Optional<String> first,
      @ForAll("position") Optional<String> last,
      @ForAll("size") long size,
      @ForAll("unit") String unit) {
    String header = unit + "=" + first.orElse("") + "-" + last.orElse("");
    assertEquals(rfc9110(first, last, size), ByteRange.parse(header, size), header);
  }

  /** Optional whitespace around the numbers and after {@code =} changes nothing. */
  @Property
  void whitespaceAroundTheNumbersIsIgnored(
      @ForAll("position") Optional<String> first,
      @ForAll("position") Optional<String> last,
      @ForAll("size") long size,
      @ForAll("ows") List<String> ows) {
    String tight = "bytes=" + first.orElse("") + "-" + last.orElse("");
    String loose =
        "bytes="
            + ows.get(0)
            + first.orElse("")
            + ows.get(1)
            + "-"
            + ows.get(2)
            + last.orElse("")
            + ows.get(3);
    assertEquals(ByteRange.parse(tight, size), ByteRange.parse(loose, size), loose);
  }

  @Property(tries = 200)
  void severalRangesAreIgnored(@ForAll("severalRanges") String header, @ForAll("size") long size) {
    assertEquals(Optional.empty(), ByteRange.parse(header, size), () -> abbreviated(header));
  }

  // --- the oracle ---

  /**
   * RFC 9110 14.1.2: {@code first-last} is invalid if last < first; it is satisfiable if first <
   * size, and ends at min(last, size - 1). {@code -n} is the last n bytes, satisfiable if n > 0. An
   * invalid range is ignored (empty: send the whole body). Two choices the RFC leaves to servers: a
   * number over 18 digits (past what a long holds safely) makes the header ignored, which a server
   * MAY always do; and an empty body has no range to send (no {@code Content-Range} can describe 0
   * bytes), so a suffix range on it is unsatisfiable.
   */
  static Optional<ByteRange> rfc9110(
      Optional<String> firstText, Optional<String> lastText, long size) {
    if ((firstText.isEmpty() && lastText.isEmpty())
        || firstText.map(t -> t.length() > 18).orElse(false)
        || lastText.map(t -> t.length() > 18).orElse(false)) {
      return Optional.empty();
    }
    ByteRange unsatisfiable = new ByteRange(-1, -1);
    if (firstText.isEmpty()) {
      long suffix = Long.parseLong(lastText.get());
      if (suffix == 0 || size == 0) {
        return Optional.of(unsatisfiable);
      }
      return Optional.of(new ByteRange(suffix >= size ? 0 : size - suffix, size - 1));
    }
    long first = Long.parseLong(firstText.get());
    Optional<Long> last = lastText.map(Long::parseLong);
    if (last.isPresent() && last.get() < first) {
      return Optional.empty();
    }
    if (first >= size) {
      return Optional.of(unsatisfiable);
    }
    long end = last.isPresent() && last.get() < size - 1 ? last.get() : size - 1;
    return Optional.of(new ByteRange(first, end));
  }

  // --- generators ---

  @Provide
  Arbitrary<Long> size() {
    return Arbitraries.frequencyOf(
        Tuple.of(1, Arbitraries.just(0L)),
        Tuple.of(6, Arbitraries.longs().between(1, 2000)),
        Tuple.of(2, Arbitraries.longs().between(0, Long.MAX_VALUE)),
        Tuple.of(1, Arbitraries.longs().between(999_999_999_999_999_000L, Long.MAX_VALUE)));
  }

  /** A byte position as written: absent, small, huge, with leading zeros, or over 18 digits. */
  @Provide
  Arbitrary<Optional<String>> position() {
    Arbitrary<String> number =
        Arbitraries.frequencyOf(
            Tuple.of(6, Arbitraries.longs().between(0, 2100).map(String::valueOf)),
            Tuple.of(
                2, Arbitraries.longs().between(0, 999_999_999_999_999_999L).map(String::valueOf)),
            Tuple.of(1, Arbitraries.longs().between(0, Long.MAX_VALUE).map(String::valueOf)),
            Tuple.of(1, Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(40)));
    return Arbitraries.frequencyOf(
        Tuple.of(1, Arbitraries.just(Optional.<String>empty())),
        Tuple.of(4, number.map(Optional::of)));
  }

  @Provide
  Arbitrary<String> unit() {
    return Arbitraries.of("bytes", "BYTES", "Bytes", "bYtEs");
  }

  @Provide
  Arbitrary<List<String>> ows() {
    return Arbitraries.strings().withChars(" \t").ofMaxLength(3).list().ofSize(4);
  }

  @Provide
  Arbitrary<String> validRange() {
    return Combinators.combine(position(), position())
        .as((a, b) -> a.orElse("") + "-" + b.orElse(a.isPresent() ? "" : "1"));
  }

  @Provide
  Arbitrary<String> severalRanges() {
    Arbitrary<String> separator = Arbitraries.of(",", ", ", " ,", " , ", ",\t", ",,");
    Arbitrary<String> few =
        Combinators.combine(validRange().list().ofMinSize(2).ofMaxSize(8), separator)
            .as((ranges, sep) -> "bytes=" + String.join(sep, ranges));
    Arbitrary<String> thousands =
        Arbitraries.integers()
            .between(1000, 20_000)
            .map(n -> "bytes=" + String.join(",", java.util.Collections.nCopies(n, "0-0")));
    Arbitrary<String> trailingComma = validRange().map(r -> "bytes=" + r + ",");
    return Arbitraries.frequencyOf(
        Tuple.of(6, few), Tuple.of(1, thousands), Tuple.of(1, trailingComma));
  }

  @Provide
  Arbitrary<String> header() {
    Arbitrary<String> valid = Combinators.combine(unit(), validRange()).as((u, r) -> u + "=" + r);
    Arbitrary<Character> chars =
        Arbitraries.oneOf(Arbitraries.chars().with(RANGE_CHARS), Arbitraries.chars());
    Arbitrary<String> mutated = Mutations.mutated(valid, chars, 4);
    return Arbitraries.frequencyOf(
        Tuple.of(3, valid),
        Tuple.of(4, mutated),
        Tuple.of(
            2, Arbitraries.strings().withChars(RANGE_CHARS).ofMaxLength(40).map(s -> "bytes=" + s)),
        Tuple.of(2, Arbitraries.strings().all().ofMaxLength(40)),
        Tuple.of(1, severalRanges()),
        Tuple.of(
            1,
            Arbitraries.strings()
                .withChars("0123456789- ")
                .ofMinLength(1000)
                .ofMaxLength(100_000)
                .map(s -> "bytes=" + s)),
        Tuple.of(1, Arbitraries.just((String) null)));
  }

  private static String abbreviated(String s) {
    return s.length() > 200 ? s.substring(0, 200) + "... (" + s.length() + " chars)" : s;
  }
}
