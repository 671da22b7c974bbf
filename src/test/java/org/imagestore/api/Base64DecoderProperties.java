package org.imagestore.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Base64;
import java.util.Objects;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import org.imagestore.Mutations;
import org.imagestore.storage.Failure;
import org.imagestore.storage.ImageStoreException;

/**
 * Base64Decoder, fed one character at a time, decodes exactly what java.util.Base64 decodes (its
 * URL decoder for text with {@code -} or {@code _}) and refuses, as INVALID_INPUT, exactly what it
 * refuses; it refuses output over its limit as TOO_LARGE; its size hint never changes the result.
 */
class Base64DecoderProperties {
  private static final String ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/-_=";
  private static final String JUNK = " \n\t!*.\u0000\u00e9\u00ff\u0100\u0660\uff21\ud83d\ude00";
  private static final long NO_LIMIT = 1 << 20;

  /** What decoding gave: the bytes, or the failure. */
  record Outcome(byte[] bytes, Failure failure) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Outcome other
          && Objects.equals(failure, other.failure)
          && java.util.Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
      return java.util.Arrays.hashCode(bytes) * 31 + Objects.hashCode(failure);
    }

    @Override
    public String toString() {
      return failure != null ? failure.toString() : java.util.Arrays.toString(bytes);
    }
  }

  @Property
  void decodesExactlyWhatTheJdkDecodes(
      @ForAll("base64ish") String text, @ForAll("expectedBytes") long expected) {
    assertEquals(jdk(text), decode(text, NO_LIMIT, expected), () -> "for \"" + text + "\"");
  }

  @Property
  void encodedBytesRoundTrip(
      @ForAll("bytes") byte[] bytes,
      @ForAll("encoder") Base64.Encoder encoder,
      @ForAll("expectedBytes") long expected) {
    String text = encoder.encodeToString(bytes);
    assertArrayEquals(bytes, decode(text, bytes.length, expected).bytes(), text);
  }

  /** The limit is exact: at the decoded length it decodes, below it is TOO_LARGE. */
  @Property
  void outputOverTheLimitIsTooLarge(
      @ForAll("bytes") byte[] bytes,
      @ForAll("encoder") Base64.Encoder encoder,
      @ForAll("expectedBytes") long expected,
      @ForAll("fraction") double fraction) {
    Assume.that(bytes.length > 1);
    String text = encoder.encodeToString(bytes);
    long limit = 1 + (long) (fraction * (bytes.length - 1)); // 1 <= limit < bytes.length
    assertEquals(
        new Outcome(null, Failure.TOO_LARGE),
        decode(text, limit, expected),
        () -> text + " with limit " + limit);
    assertArrayEquals(bytes, decode(text, bytes.length, expected).bytes());
  }

  /*
   * Found by this property, now fixed: with maxBytes 0 the constructor still makes a 1-byte buffer, so the first byte is
   * written past the limit and growing the buffer to min(2, 0) bytes then throws
   * ArrayIndexOutOfBoundsException. Shrunk samples:
   *   "AA==" (1 byte), limit 0   -> returns [0] instead of TOO_LARGE
   *   "AAA=" (2 bytes), limit 0  -> ArrayIndexOutOfBoundsException: Index 1 out of bounds for length 0
   * Latent: StoreConfig requires imagestore.max-image-bytes to be positive.
   */
  @Property(tries = 100)
  void aLimitOfZeroRefusesAnyOutput(
      @ForAll("smallBytes") byte[] bytes, @ForAll("encoder") Base64.Encoder encoder) {
    Assume.that(bytes.length > 0);
    String text = encoder.encodeToString(bytes);
    assertEquals(new Outcome(null, Failure.TOO_LARGE), decode(text, 0, 0), text);
  }

  @Property
  void theSizeHintNeverChangesTheResult(
      @ForAll("base64ish") String text,
      @ForAll("expectedBytes") long expected,
      @ForAll("expectedBytes") long otherExpected,
      @ForAll("limit") long limit) {
    assertEquals(
        decode(text, limit, otherExpected),
        decode(text, limit, expected),
        () -> "for \"" + text + "\" with limit " + limit);
  }

  // --- oracle and subject ---

  static Outcome jdk(String text) {
    boolean url = text.indexOf('-') >= 0 || text.indexOf('_') >= 0;
    try {
      return new Outcome((url ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(text), null);
    } catch (IllegalArgumentException e) {
      return new Outcome(null, Failure.INVALID_INPUT);
    }
  }

  /**
   * The bulk path (acceptRun, as JSON strings feed it) gives what one character at a time gives.
   */
  @Property
  void runsDecodeWhatSingleCharactersDecode(
      @ForAll("base64ish") String text,
      @ForAll @IntRange(min = 1, max = 9) int runLength,
      @ForAll("expectedBytes") long expected) {
    assertEquals(
        decode(text, NO_LIMIT, expected),
        decodeInRuns(text, runLength, NO_LIMIT, expected),
        () -> "for \"" + text + "\" in runs of " + runLength);
    assertEquals(
        decode(text, 3, expected),
        decodeInRuns(text, runLength, 3, expected),
        () -> "for \"" + text + "\" in runs of " + runLength + " with limit 3");
  }

  static Outcome decodeInRuns(String text, int runLength, long maxBytes, long expectedBytes) {
    Base64Decoder decoder = new Base64Decoder(maxBytes, expectedBytes);
    char[] chars = text.toCharArray();
    try {
      for (int from = 0; from < chars.length; from += runLength) {
        int to = Math.min(chars.length, from + runLength);
        for (int i = decoder.acceptRun(chars, from, to); i < to; ) {
          decoder.accept(chars[i++]);
          i = decoder.acceptRun(chars, i, to);
        }
      }
      return new Outcome(SaveRequestTest.bytes(decoder.finish()), null);
    } catch (ImageStoreException e) {
      return new Outcome(null, e.failure());
    }
  }

  static Outcome decode(String text, long maxBytes, long expectedBytes) {
    Base64Decoder decoder = new Base64Decoder(maxBytes, expectedBytes);
    try {
      for (int i = 0; i < text.length(); i++) {
        decoder.accept(text.charAt(i));
      }
      assertEquals(text.isEmpty(), decoder.isEmpty());
      return new Outcome(SaveRequestTest.bytes(decoder.finish()), null);
    } catch (ImageStoreException e) {
      return new Outcome(null, e.failure());
    }
  }

  // --- generators ---

  @Provide
  Arbitrary<byte[]> bytes() {
    return Arbitraries.frequencyOf(
        Tuple.of(8, Arbitraries.bytes().array(byte[].class).ofMaxSize(64)),
        Tuple.of(1, Arbitraries.bytes().array(byte[].class).ofMaxSize(100_000)));
  }

  @Provide
  Arbitrary<byte[]> smallBytes() {
    return Arbitraries.bytes().array(byte[].class).ofMaxSize(16);
  }

  @Provide
  Arbitrary<Base64.Encoder> encoder() {
    return Arbitraries.of(
        Base64.getEncoder(),
        Base64.getEncoder().withoutPadding(),
        Base64.getUrlEncoder(),
        Base64.getUrlEncoder().withoutPadding());
  }

  @Provide
  Arbitrary<Long> expectedBytes() {
    return Arbitraries.frequencyOf(
        Tuple.of(1, Arbitraries.of(0L, -1L, 1L, Long.MIN_VALUE, Long.MAX_VALUE)),
        Tuple.of(3, Arbitraries.longs().between(-100, 100_000)),
        Tuple.of(1, Arbitraries.longs()));
  }

  @Provide
  Arbitrary<Long> limit() {
    return Arbitraries.frequencyOf(
        Tuple.of(3, Arbitraries.longs().between(1, 100)),
        Tuple.of(1, Arbitraries.longs().between(1, 1 << 16)));
  }

  @Provide
  Arbitrary<Double> fraction() {
    return Arbitraries.doubles().between(0, 1).filter(d -> d < 1);
  }

  /**
   * Short strings over the alphabet (padding anywhere, both alphabets mixed) with some junk, and
   * valid encodings with a few characters inserted, deleted, replaced or cut off.
   */
  @Provide
  Arbitrary<String> base64ish() {
    Arbitrary<Character> chars =
        Arbitraries.frequencyOf(
            Tuple.of(12, Arbitraries.chars().with(ALPHABET)),
            Tuple.of(3, Arbitraries.of('=', '-', '_', '+', '/')),
            Tuple.of(1, Arbitraries.chars().with(JUNK)),
            Tuple.of(1, Arbitraries.chars()));
    Arbitrary<String> random =
        chars
            .list()
            .ofMaxSize(40)
            .map(cs -> cs.stream().map(String::valueOf).reduce("", String::concat));
    Arbitrary<String> valid =
        Combinators.combine(Arbitraries.bytes().array(byte[].class).ofMaxSize(40), encoder())
            .as((b, e) -> e.encodeToString(b));
    Arbitrary<String> mutated = Mutations.mutated(valid, chars, 3);
    return Arbitraries.frequencyOf(Tuple.of(3, random), Tuple.of(2, valid), Tuple.of(4, mutated));
  }
}
