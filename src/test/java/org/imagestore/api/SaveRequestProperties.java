package org.imagestore.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
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
 * SaveRequest.read, on random, valid, mutated, truncated and deeply nested bodies, only returns or
 * throws ImageStoreException, and agrees with the reading it replaced: JSON-P (Parsson) parses the
 * whole body, and the image string is decoded as before (whitespace stripped, a case-insensitive
 * {@code data:image/png;base64,} prefix removed, java.util.Base64). A body JSON-P refuses is
 * INVALID_INPUT or TOO_LARGE; a body it accepts gives the same image and metadata, or fails with
 * one of the failures its content explains (the image's own, or the new reader's documented bounds:
 * a repeated image, nesting over 64 levels, a name over 256 characters).
 */
class SaveRequestProperties {
  private static final long LARGE_LIMIT = 1 << 20;
  private static final String PNG_DATA_URL = "data:image/png;base64,";
  private static final String JSON_CHARS = "{}[]\":,\\/ \t\n0123456789.eE+-aeflnrstuAFimg_=";
  private static final String HEX_LOOKALIKES = "\u0660\u0661\u0664\uff10\uff11\uff21\uff41";

  // --- properties ---

  /*
   * Found, now fixed: whichever of the four bugs below it met first (in these comments \\u is JSON's
   * backslash-u escape and <U+0660> the Arabic-Indic digit zero). Shrunk samples seen:
   *   {"image":"AAAA","x":1e2147483648}    -> NumberFormatException out of SaveRequest.read
   *   {"image":"AAAA","x\\u000<U+0660>":1} -> accepted (png AAAA); JSON-P refuses the body
   *   {"image":"AAAA","x":1true}           -> accepted; JSON-P refuses the body
   *   {"":-1:,"image":"data:{image/png;base64,"} -> UNSUPPORTED_MEDIA; JSON-P refuses the body
   */
  @Property(tries = 1000)
  void agreesWithJsonP(
      @ForAll("anyBody") byte[] body,
      @ForAll("maxImageBytes") long maxImageBytes,
      @ForAll("bodyBytesHint") long hint) {
    check(body, maxImageBytes, hint);
  }

  /*
   * Found by this property, now fixed: the data URL is checked as the image streams in, before the body is known to be JSON,
   * so a malformed body is UNSUPPORTED_MEDIA (415) instead of INVALID_INPUT. Shrunk sample, and
   * the plainest case (the old reader said INVALID_INPUT to both):
   *   {"image":"data:image/\\u0070png;base64,  -> UNSUPPORTED_MEDIA
   *   {"image":"data:image/jpeg;base64,       -> UNSUPPORTED_MEDIA
   */
  @Property(tries = 500)
  void truncatedBodiesAreInvalidInput(@ForAll("truncated") String body) {
    Outcome outcome = read(body.getBytes(StandardCharsets.UTF_8), LARGE_LIMIT, -1);
    assertTrue(
        outcome.failure() == Failure.INVALID_INPUT || outcome.failure() == Failure.TOO_LARGE,
        () -> outcome + " for " + shown(body));
  }

  /*
   * Found by this property, now fixed: JsonMembers.hex() uses Character.digit, which takes Arabic-Indic and fullwidth digits
   * and fullwidth letters, in names and in the image. Shrunk sample, and the same in the image:
   *   {"image":"AAAA","x\\u000<U+0660>":1}     -> accepted; JSON-P refuses it
   *   {"image":"AAA\\u<U+0660><U+0660><U+0664><U+0661>"} -> accepted as png [0, 0, 0] ("AAAA")
   */
  @Property(tries = 300)
  void escapesTakeOnlyAsciiHexDigits(@ForAll("lookalikeEscape") String body) {
    Outcome outcome = read(body.getBytes(StandardCharsets.UTF_8), LARGE_LIMIT, -1);
    assertEquals(Failure.INVALID_INPUT, outcome.failure(), () -> outcome + " for " + shown(body));
  }

  /*
   * Found by this property, now fixed: JsonReader.readValue() stops after the first value, so the text JsonMembers.value()
   * collected for a number or literal may run on into anything up to a delimiter. Shrunk sample:
   *   {"image":"AAAA","x":1x}  -> accepted; JSON-P (and the old reader) refuse the body
   * Also accepted: "x":01, "x":0"b", "x":1{"y":2}, "x":259508:619, "metadata":null0.
   */
  @Property(tries = 300)
  void aValueEndsWhereJsonSaysItEnds(@ForAll("valueWithJunk") String body) {
    Outcome outcome = read(body.getBytes(StandardCharsets.UTF_8), LARGE_LIMIT, -1);
    assertEquals(Failure.INVALID_INPUT, outcome.failure(), () -> outcome + " for " + shown(body));
  }

  /*
   * Found by this property, now fixed (it was there before the streaming reader too): Parsson builds a BigDecimal for every number, and
   * one whose exponent is past an int throws NumberFormatException, which is no JsonException.
   * Shrunk sample:
   *   {"image":"AAAA","x":1e2147483648}  -> NumberFormatException: Exponent overflow.
   */
  @Property(tries = 200)
  void hugeExponentsAreAnAnswerNotACrash(@ForAll("hugeExponent") String body) {
    Outcome outcome = read(body.getBytes(StandardCharsets.UTF_8), LARGE_LIMIT, -1);
    assertTrue(
        outcome.failure() == null || outcome.failure() == Failure.INVALID_INPUT,
        () -> outcome + " for " + shown(body));
  }

  /** Nesting up to 64 levels is read like JSON-P reads it; deeper is INVALID_INPUT, not a crash. */
  @Property(tries = 200)
  void deepNestingIsBounded(
      @ForAll @IntRange(min = 1, max = 5000) int depth,
      @ForAll boolean inMetadata,
      @ForAll boolean closed) {
    String open = inMetadata ? "{\"a\":" : "[";
    String close = inMetadata ? "}" : "]";
    String nested = open.repeat(depth) + "1" + (closed ? close.repeat(depth) : "");
    String body = "{\"image\":\"AAAA\"," + (inMetadata ? "\"metadata\":" : "\"x\":") + nested + "}";
    Outcome outcome = read(body.getBytes(StandardCharsets.UTF_8), LARGE_LIMIT, -1);
    if (depth > SaveRequest.MAX_DEPTH || !closed) {
      assertEquals(Failure.INVALID_INPUT, outcome.failure(), () -> "depth " + depth);
    }
    check(body.getBytes(StandardCharsets.UTF_8), LARGE_LIMIT, -1);
  }

  // --- the oracle ---

  /** What reading gave: the request, or the failure. */
  record Outcome(SaveRequest request, Failure failure) {
    @Override
    public String toString() {
      return failure != null
          ? failure.toString()
          : "png "
              + Base64.getEncoder().encodeToString(SaveRequestTest.bytes(request.png()))
              + ", "
              + request.metadata();
    }
  }

  /** What the body means to JSON-P and the old decoding. */
  record Expected(byte[] png, JsonObject metadata, Set<Failure> allowed) {
    boolean succeeds() {
      return allowed.isEmpty();
    }
  }

  static Outcome read(byte[] body, long maxImageBytes, long hint) {
    try {
      return new Outcome(
          SaveRequest.read(new ByteArrayInputStream(body), maxImageBytes, hint), null);
    } catch (ImageStoreException e) {
      return new Outcome(null, e.failure());
    }
  }

  static void check(byte[] body, long maxImageBytes, long hint) {
    Expected expected = expected(body, maxImageBytes);
    Outcome actual = read(body, maxImageBytes, hint);
    String text = new String(body, StandardCharsets.UTF_8);
    if (expected.succeeds()) {
      if (actual.failure() != null) {
        fail(actual + " but JSON-P and the old decoding accept " + shown(text));
      }
      assertArrayEquals(
          expected.png(),
          SaveRequestTest.bytes(actual.request().png()),
          () -> "png of " + shown(text));
      assertEquals(expected.metadata(), actual.request().metadata(), () -> shown(text));
    } else if (actual.failure() == null || !expected.allowed().contains(actual.failure())) {
      fail(
          "expected one of "
              + expected.allowed()
              + " but got "
              + actual
              + " (maxImageBytes "
              + maxImageBytes
              + ") for "
              + shown(text));
    }
  }

  static Expected expected(byte[] body, long maxImageBytes) {
    String text = new String(body, StandardCharsets.UTF_8);
    Set<Failure> problems = EnumSet.noneOf(Failure.class);
    if (body.length > SaveRequest.maxBodyBytes(maxImageBytes)
        || text.length() > SaveRequest.MAX_FIELD_CHARS) {
      problems.add(Failure.TOO_LARGE);
    }
    List<Map.Entry<String, JsonValue>> members;
    try {
      members = members(text);
    } catch (RuntimeException invalidJson) {
      problems.add(Failure.INVALID_INPUT);
      problems.add(Failure.TOO_LARGE);
      return new Expected(null, null, problems);
    }
    if (members == null) {
      problems.add(Failure.INVALID_INPUT); // not an object
      return new Expected(null, null, problems);
    }
    List<JsonValue> images = new ArrayList<>();
    JsonObject metadata = JsonValue.EMPTY_JSON_OBJECT;
    for (Map.Entry<String, JsonValue> member : members) {
      JsonValue value = member.getValue();
      if (member.getKey().length() > 256 || depth(value) > SaveRequest.MAX_DEPTH) {
        problems.add(Failure.INVALID_INPUT);
      }
      if (member.getKey().equals("image")) {
        images.add(value);
      } else if (member.getKey().equals("metadata")) {
        if (value instanceof JsonObject object) {
          metadata = object;
        } else if (value == JsonValue.NULL) {
          metadata = JsonValue.EMPTY_JSON_OBJECT;
        } else {
          problems.add(Failure.INVALID_INPUT);
        }
      }
    }
    if (images.size() != 1) {
      problems.add(Failure.INVALID_INPUT); // none, or given more than once
    }
    byte[] png = null;
    if (!images.isEmpty()) {
      if (images.get(0) instanceof JsonString string) {
        Object decoded = oldDecode(string.getString(), maxImageBytes);
        if (decoded instanceof byte[] bytes) {
          png = bytes;
        } else {
          @SuppressWarnings("unchecked")
          Set<Failure> failures = (Set<Failure>) decoded;
          problems.addAll(failures);
        }
      } else {
        problems.add(Failure.INVALID_INPUT);
      }
    }
    return new Expected(png, metadata, problems);
  }

  /**
   * The body's top-level members in order, by JSON-P's streaming parser (which, unlike {@code
   * JsonReader.readValue}, refuses anything after the value); null if it is not an object.
   *
   * @throws RuntimeException if JSON-P refuses the body
   */
  static List<Map.Entry<String, JsonValue>> members(String text) {
    try (JsonParser parser = Json.createParser(new StringReader(text))) {
      if (parser.next() != JsonParser.Event.START_OBJECT) {
        while (parser.hasNext()) {
          parser.next();
        }
        return null;
      }
      List<Map.Entry<String, JsonValue>> members = new ArrayList<>();
      for (var event = parser.next(); event != JsonParser.Event.END_OBJECT; event = parser.next()) {
        String name = parser.getString();
        parser.next();
        members.add(Map.entry(name, parser.getValue()));
      }
      while (parser.hasNext()) {
        parser.next();
      }
      return members;
    }
  }

  static int depth(JsonValue value) {
    if (value instanceof JsonObject object) {
      return 1 + object.values().stream().mapToInt(SaveRequestProperties::depth).max().orElse(0);
    }
    if (value instanceof JsonArray array) {
      return 1 + array.stream().mapToInt(SaveRequestProperties::depth).max().orElse(0);
    }
    return 0;
  }

  /**
   * The image string decoded the old way: the bytes, or the failures that may explain refusing it
   * (TOO_LARGE too for bad base64 long enough to reach the limit before the error).
   */
  static Object oldDecode(String image, long maxImageBytes) {
    StringBuilder clean = new StringBuilder();
    image.chars().filter(c -> !Character.isWhitespace(c)).forEach(c -> clean.append((char) c));
    String base64 = clean.toString();
    if (base64.regionMatches(true, 0, "data:", 0, 5)) {
      int comma = base64.indexOf(',');
      String header =
          (comma < 0 ? base64 : base64.substring(0, comma + 1)).toLowerCase(Locale.ROOT);
      if (!header.startsWith("data:image/png")) {
        return EnumSet.of(Failure.UNSUPPORTED_MEDIA);
      }
      if (!header.equals(PNG_DATA_URL)) {
        return EnumSet.of(Failure.INVALID_INPUT);
      }
      base64 = base64.substring(comma + 1);
    }
    if (base64.isEmpty()) {
      return EnumSet.of(Failure.INVALID_INPUT);
    }
    boolean url = base64.indexOf('-') >= 0 || base64.indexOf('_') >= 0;
    try {
      byte[] png = (url ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(base64);
      return png.length > maxImageBytes ? EnumSet.of(Failure.TOO_LARGE) : png;
    } catch (IllegalArgumentException e) {
      long alphabet =
          base64
              .chars()
              .filter(c -> c < 128 && (Character.isLetterOrDigit(c) || "+/-_".indexOf(c) >= 0))
              .count();
      return alphabet * 3 >= maxImageBytes * 4
          ? EnumSet.of(Failure.INVALID_INPUT, Failure.TOO_LARGE)
          : EnumSet.of(Failure.INVALID_INPUT);
    }
  }

  // --- generators: JSON pieces ---

  private static Arbitrary<String> ws() {
    return Arbitraries.frequencyOf(
        Tuple.of(6, Arbitraries.just("")),
        Tuple.of(1, Arbitraries.strings().withChars(" \t\n\r").ofMinLength(1).ofMaxLength(3)));
  }

  /** One character of a JSON string, as written: plain, or one of the escapes. */
  private static Arbitrary<String> stringChar() {
    return Arbitraries.frequencyOf(
        Tuple.of(
            8,
            Arbitraries.chars()
                .range(' ', '~')
                .filter(c -> c != '"' && c != '\\')
                .map(String::valueOf)),
        Tuple.of(
            1,
            Arbitraries.chars()
                .range('\u00a0', '\uffff')
                .filter(c -> !Character.isSurrogate(c))
                .map(String::valueOf)),
        Tuple.of(1, Arbitraries.of("\\\"", "\\\\", "\\/", "\\b", "\\f", "\\n", "\\r", "\\t")),
        Tuple.of(1, Arbitraries.chars().map(c -> String.format("\\u%04x", (int) c))));
  }

  private static Arbitrary<String> jsonString() {
    return stringChar().list().ofMaxSize(12).map(cs -> "\"" + String.join("", cs) + "\"");
  }

  private static Arbitrary<String> number() {
    return Arbitraries.oneOf(
        Arbitraries.integers().map(String::valueOf),
        Arbitraries.longs().map(String::valueOf),
        Arbitraries.doubles()
            .map(String::valueOf)
            .filter(s -> !s.contains("N") && !s.contains("I")),
        Arbitraries.of("0", "-0", "1e3", "1E-7", "0.5", "-12.25e+2", "12345678901234567890123"));
  }

  private static Arbitrary<String> primitive() {
    return Arbitraries.frequencyOf(
        Tuple.of(3, number()),
        Tuple.of(3, jsonString()),
        Tuple.of(1, Arbitraries.of("true", "false", "null")));
  }

  private static Arbitrary<String> value(int depth) {
    if (depth == 0) {
      return primitive();
    }
    return Arbitraries.frequencyOf(
        Tuple.of(3, primitive()), Tuple.of(1, object(depth - 1)), Tuple.of(1, array(depth - 1)));
  }

  private static Arbitrary<String> object(int depth) {
    Arbitrary<String> member =
        Combinators.combine(ws(), jsonString(), ws(), ws(), value(depth), ws())
            .as((a, name, b, c, v, d) -> a + name + b + ":" + c + v + d);
    return Combinators.combine(member.list().ofMaxSize(4), ws())
        .as((members, w) -> "{" + w + String.join(",", members) + "}");
  }

  private static Arbitrary<String> array(int depth) {
    return Combinators.combine(
            Combinators.combine(ws(), value(depth), ws())
                .as((a, v, b) -> a + v + b)
                .list()
                .ofMaxSize(4),
            ws())
        .as((items, w) -> "[" + w + String.join(",", items) + "]");
  }

  // --- generators: the image ---

  private static Arbitrary<Base64.Encoder> encoders() {
    return Arbitraries.of(
        Base64.getEncoder(),
        Base64.getEncoder().withoutPadding(),
        Base64.getUrlEncoder(),
        Base64.getUrlEncoder().withoutPadding(),
        Base64.getMimeEncoder(8, "\r\n".getBytes(StandardCharsets.ISO_8859_1)));
  }

  private static Arbitrary<String> prefix() {
    return Arbitraries.frequencyOf(
        Tuple.of(6, Arbitraries.just("")),
        Tuple.of(
            3, Arbitraries.of(PNG_DATA_URL, "DATA:image/PNG;BASE64,", "Data:Image/Png;Base64,")),
        Tuple.of(
            1,
            Arbitraries.of(
                "data:image/jpeg;base64,",
                "data:image/png,",
                "data:image/png;base64",
                "data:image/png;charset=utf-8;base64,",
                "data:,",
                "data:",
                "data:image/png;base64," + "x".repeat(70))));
  }

  /** The image's base64 text, perhaps with a data URL prefix, perhaps damaged. */
  private static Arbitrary<String> imageText() {
    Arbitrary<String> encoded =
        Combinators.combine(Arbitraries.bytes().array(byte[].class).ofMaxSize(60), encoders())
            .as((b, e) -> e.encodeToString(b));
    Arbitrary<String> odd = Arbitraries.strings().withChars("ABCDabcd0189+/-_= ").ofMaxLength(20);
    return Combinators.combine(
            prefix(), Arbitraries.frequencyOf(Tuple.of(5, encoded), Tuple.of(1, odd)))
        .as(String::concat);
  }

  /**
   * The image text as a JSON string: characters escaped ({@code \/}, {@code \}{@code u0041}, hex in
   * either case) and whitespace (raw spaces, escaped line breaks, tabs, U+2028, U+001F) put in
   * between, at a rate that shrinks to none.
   */
  private static Arbitrary<String> imageLiteral() {
    return Combinators.combine(
            imageText(), Arbitraries.integers().between(0, 30), Arbitraries.longs())
        .as(
            (text, percent, seed) -> {
              Random random = new Random(seed);
              StringBuilder s = new StringBuilder("\"");
              for (char c : text.toCharArray()) {
                if (random.nextInt(100) < percent) {
                  switch (random.nextInt(4)) {
                    case 0 ->
                        s.append(
                            new String[] {" ", "\\n", "\\r\\n", "\\t", "\\u2028", "\\u001F", "\\f"}
                                [random.nextInt(7)]);
                    case 1 -> {
                      String hex = String.format("%04x", (int) c);
                      s.append("\\u")
                          .append(random.nextBoolean() ? hex : hex.toUpperCase(Locale.ROOT));
                    }
                    case 2 -> {
                      if (c == '/') {
                        s.append('\\');
                      }
                    }
                    default -> {}
                  }
                }
                if (c == '\r' || c == '\n') {
                  s.append(c == '\r' ? "\\r" : "\\n");
                } else {
                  s.append(c);
                }
              }
              return s.append('"').toString();
            });
  }

  // --- generators: bodies ---

  private static Arbitrary<String> member(String name, Arbitrary<String> value) {
    return Combinators.combine(ws(), ws(), ws(), value, ws())
        .as((a, b, c, v, d) -> a + "\"" + name + "\"" + b + ":" + c + v + d);
  }

  /** {@code {"image":..., "metadata":..., ...}}: members in any order, some repeated or missing. */
  @Provide
  Arbitrary<String> validBody() {
    Arbitrary<String> image =
        Arbitraries.frequencyOf(
            Tuple.of(20, member("image", imageLiteral())),
            Tuple.of(1, member("image", value(2))),
            Tuple.of(1, member("im\\u0061ge", imageLiteral())));
    Arbitrary<String> metadata =
        Arbitraries.frequencyOf(
            Tuple.of(8, member("metadata", object(3))),
            Tuple.of(1, member("metadata", Arbitraries.just("null"))),
            Tuple.of(1, member("metadata", value(2))));
    Arbitrary<String> unknown =
        Combinators.combine(jsonString(), value(3), ws(), ws())
            .as((name, v, a, b) -> a + name + ":" + b + v);
    Arbitrary<List<String>> images =
        Arbitraries.frequencyOf(
            Tuple.of(20, image.list().ofSize(1)),
            Tuple.of(1, image.list().ofSize(0)),
            Tuple.of(1, image.list().ofSize(2)));
    Arbitrary<List<String>> metadatas = metadata.list().ofMaxSize(2);
    Arbitrary<List<String>> unknowns = unknown.list().ofMaxSize(3);
    return Combinators.combine(images, metadatas, unknowns, ws(), ws())
        .flatAs(
            (i, m, u, before, after) -> {
              List<String> all = new ArrayList<>(i);
              all.addAll(m);
              all.addAll(u);
              return Arbitraries.shuffle(all)
                  .map(members -> before + "{" + String.join(",", members) + "}" + after);
            });
  }

  /** A valid body with a few characters inserted, deleted or replaced. */
  @Provide
  Arbitrary<String> mutatedBody() {
    Arbitrary<Character> chars =
        Arbitraries.frequencyOf(
            Tuple.of(10, Arbitraries.chars().with(JSON_CHARS)),
            Tuple.of(1, Arbitraries.chars().with(HEX_LOOKALIKES)),
            Tuple.of(1, Arbitraries.chars()));
    return Mutations.mutatedWithoutCuts(validBody(), chars, 3);
  }

  /** A valid body with a {@code \}{@code u} escape whose hex digits are not all ASCII. */
  @Provide
  Arbitrary<String> lookalikeEscape() {
    return Combinators.combine(
            Arbitraries.strings()
                .withChars("0123456789abcdefABCDEF" + HEX_LOOKALIKES)
                .ofLength(4)
                .filter(hex -> hex.chars().anyMatch(c -> c > 127)),
            Arbitraries.of("image", "name"))
        .as(
            (hex, where) ->
                where.equals("image")
                    ? "{\"image\":\"AAA\\u" + hex + "\"}"
                    : "{\"image\":\"AAAA\",\"x\\u" + hex + "\":1}");
  }

  /**
   * A valid body with text right after a top-level number, literal, string or structure, where that
   * makes it invalid JSON ({@code 1} then {@code 0} is just {@code 10}).
   */
  @Provide
  Arbitrary<String> valueWithJunk() {
    return Combinators.combine(
            Arbitraries.of(
                "1", "0", "-2", "1.5", "1e5", "true", "false", "null", "\"s\"", "{}", "[]"),
            Arbitraries.of(
                "0", "1", "x", "\"b\"", "{\"y\":2}", "[3]", ".5", "e", "-0", "true", "null"),
            Arbitraries.of("x", "metadata"))
        .as((v, junk, name) -> "{\"image\":\"AAAA\",\"" + name + "\":" + v + junk + "}")
        .filter(body -> !jsonPAccepts(body));
  }

  private static boolean jsonPAccepts(String body) {
    try {
      members(body);
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** A valid body with a number whose exponent does not fit an int, wherever a number may be. */
  @Provide
  Arbitrary<String> hugeExponent() {
    Arbitrary<String> number =
        Combinators.combine(
                Arbitraries.of("1", "-1", "0", "2.5"),
                Arbitraries.of("e", "E", "e+", "e-", "E-"),
                Arbitraries.longs().between(2_147_483_648L, Long.MAX_VALUE).map(String::valueOf))
            .as((m, e, x) -> m + e + x);
    return Combinators.combine(number, Arbitraries.of(0, 1, 2))
        .as(
            (n, where) ->
                switch (where) {
                  case 0 -> "{\"image\":\"AAAA\",\"x\":" + n + "}";
                  case 1 -> "{\"image\":\"AAAA\",\"metadata\":{\"a\":" + n + "}}";
                  default -> "{\"x\":[" + n + "],\"image\":\"AAAA\"}";
                });
  }

  @Provide
  Arbitrary<String> truncated() {
    return validBody()
        .flatMap(
            body -> {
              int end = body.lastIndexOf('}');
              return Arbitraries.integers().between(0, end).map(cut -> body.substring(0, cut));
            });
  }

  /** Bodies as bytes: valid, mutated, damaged, truncated, JSON-ish or random text, random bytes. */
  @Provide
  Arbitrary<byte[]> anyBody() {
    Arbitrary<String> text =
        Arbitraries.frequencyOf(
            Tuple.of(8, validBody()),
            Tuple.of(8, mutatedBody()),
            Tuple.of(1, lookalikeEscape()),
            Tuple.of(1, valueWithJunk()),
            Tuple.of(1, hugeExponent()),
            Tuple.of(2, truncated()),
            Tuple.of(2, Arbitraries.strings().withChars(JSON_CHARS).ofMaxLength(40)),
            Tuple.of(2, Arbitraries.strings().all().ofMaxLength(40)));
    Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(200);
    Arbitrary<byte[]> bytes =
        Arbitraries.oneOf(
            random,
            random.map(b -> concat("{\"image\":\"".getBytes(StandardCharsets.UTF_8), b)),
            random.map(
                b ->
                    concat(
                        "{\"image\":\"AAAA\",\"metadata\":{\"a\":\""
                            .getBytes(StandardCharsets.UTF_8),
                        b)));
    return Arbitraries.frequencyOf(
        Tuple.of(10, text.map(t -> t.getBytes(StandardCharsets.UTF_8))), Tuple.of(2, bytes));
  }

  @Provide
  Arbitrary<Long> maxImageBytes() {
    return Arbitraries.frequencyOf(
        Tuple.of(6, Arbitraries.just(LARGE_LIMIT)),
        Tuple.of(1, Arbitraries.longs().between(1, 48)));
  }

  /** The Content-Length given to the reader: unknown, right, wrong or absurd. */
  @Provide
  Arbitrary<Long> bodyBytesHint() {
    return Arbitraries.oneOf(
        Arbitraries.of(0L, -1L, Long.MIN_VALUE, Long.MAX_VALUE),
        Arbitraries.longs().between(1, 1 << 20));
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] c = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }

  private static String shown(String s) {
    String cut = s.length() > 400 ? s.substring(0, 400) + "... (" + s.length() + " chars)" : s;
    StringBuilder b = new StringBuilder("body ");
    cut.chars()
        .forEach(c -> b.append(c < 0x20 || c > 0x7e ? String.format("<U+%04X>", c) : (char) c));
    return b.toString();
  }
}
