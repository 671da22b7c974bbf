package org.imagestore.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.imagestore.it.Pngs;

/**
 * PngVerifier on valid, random and damaged PNGs: valid ones (any colour type, depth, interlace,
 * split image data, ancillary chunks, bytes after IEND) verify with their own dimensions; anything
 * else only ever fails with ImageStoreException, UNSUPPORTED_MEDIA exactly when the signature is
 * wrong. Truncation before the end of IEND and any flipped byte up to it are caught, because every
 * chunk's CRC is checked; bytes after IEND are not read. A change that keeps the CRC right is
 * caught only where the verifier reads the content (IHDR, IDAT), not in PLTE or ancillary chunks.
 */
class PngVerifierProperties {
  private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  /** Colour type and bit depth pairs that PNG allows. */
  private static final int[][] FORMATS = {
    {0, 1}, {0, 2}, {0, 4}, {0, 8}, {0, 16}, {2, 8}, {2, 16}, {3, 1}, {3, 2}, {3, 4}, {3, 8},
    {4, 8}, {4, 16}, {6, 8}, {6, 16}
  };

  private static final int[][] ADAM7 = {
    {0, 0, 8, 8}, {4, 0, 8, 8}, {0, 4, 4, 8}, {2, 0, 4, 4}, {0, 2, 2, 4}, {1, 0, 2, 2}, {0, 1, 1, 2}
  };

  private static final String[] ANCILLARY = {"tEXt", "gAMA", "pHYs", "iTXt", "prVt", "zzZz"};

  /** A valid PNG, what its header says, and where its chunks are. */
  record ValidPng(
      byte[] bytes, int width, int height, int depth, int colorType, boolean interlaced) {
    List<Chunk> chunks() {
      return layout(bytes);
    }

    /** Where the IEND chunk ends: anything after it is trailing bytes. */
    int iendEnd() {
      List<Chunk> chunks = chunks();
      return chunks.get(chunks.size() - 1).end();
    }

    @Override
    public String toString() {
      return width
          + "x"
          + height
          + " type "
          + colorType
          + "/"
          + depth
          + (interlaced ? " interlaced" : "")
          + ", "
          + bytes.length
          + " bytes, chunks "
          + chunks();
    }
  }

  /** A chunk starting at {@code start} (its length field) with {@code length} data bytes. */
  record Chunk(String type, int start, int length) {
    int data() {
      return start + 8;
    }

    int end() {
      return start + 12 + length;
    }
  }

  @Property(tries = 300)
  void validPngsVerifyWithTheirDimensions(@ForAll("validPng") ValidPng png) {
    PngInfo info = PngVerifier.verify(png.bytes(), Long.MAX_VALUE);
    PngInfo expected =
        new PngInfo(png.width(), png.height(), png.depth(), png.colorType(), png.interlaced());
    assertEquals(expected, info);
    assertEquals(expected, PngVerifier.header(png.bytes()));
    long pixels = (long) png.width() * png.height();
    assertEquals(expected, PngVerifier.verify(png.bytes(), pixels));
    assertEquals(Failure.TOO_LARGE, failure(png.bytes(), pixels - 1));
  }

  @Property
  void randomBytesOnlyFailAsImageStoreException(
      @ForAll("junk") byte[] bytes, @ForAll("maxPixels") long maxPixels) {
    checkOutcome(bytes, maxPixels);
  }

  @Property(tries = 300)
  void mutatedPngsOnlyFailAsImageStoreException(@ForAll("mutatedPng") byte[] bytes) {
    checkOutcome(bytes, Long.MAX_VALUE);
  }

  @Property(tries = 300)
  void truncatedPngsFailUnlessCutAfterIend(
      @ForAll("truncation") Tuple.Tuple2<ValidPng, Integer> t) {
    ValidPng png = t.get1();
    int cut = t.get2();
    byte[] bytes = Arrays.copyOf(png.bytes(), cut);
    if (cut >= png.iendEnd()) {
      assertEquals(png.width(), PngVerifier.verify(bytes, Long.MAX_VALUE).width());
    } else {
      assertEquals(
          cut < SIGNATURE.length ? Failure.UNSUPPORTED_MEDIA : Failure.INVALID_INPUT,
          failure(bytes, Long.MAX_VALUE),
          () -> "cut at " + cut + " of " + png);
    }
  }

  @Property(tries = 300)
  void aFlippedByteIsCaughtUpToTheEndOfIend(
      @ForAll("flip") Tuple.Tuple3<ValidPng, Integer, Integer> t) {
    ValidPng png = t.get1();
    int at = t.get2();
    byte[] bytes = png.bytes().clone();
    bytes[at] ^= t.get3().byteValue();
    if (at >= png.iendEnd()) {
      assertEquals(png.height(), PngVerifier.verify(bytes, Long.MAX_VALUE).height());
    } else {
      assertEquals(
          at < SIGNATURE.length ? Failure.UNSUPPORTED_MEDIA : Failure.INVALID_INPUT,
          failure(bytes, Long.MAX_VALUE),
          () -> "byte " + at + " ^ " + t.get3() + " of " + png);
    }
  }

  /**
   * A changed data byte with its CRC recomputed: the verifier does not read PLTE's or an ancillary
   * chunk's content, so the PNG still verifies; a changed IDAT byte may still inflate to the same
   * rows (the trailing bits of a deflate stream are not read), else it is INVALID_INPUT.
   */
  @Property(tries = 300)
  void aChangeWithTheRightCrcIsCaughtWhereTheContentIsRead(
      @ForAll("flip") Tuple.Tuple3<ValidPng, Integer, Integer> t) {
    ValidPng png = t.get1();
    List<Chunk> withData =
        png.chunks().stream().filter(c -> c.length() > 0 && !c.type().equals("IHDR")).toList();
    Chunk chunk = withData.get(t.get2() % withData.size());
    byte[] bytes = png.bytes().clone();
    bytes[chunk.data() + t.get2() % chunk.length()] ^= t.get3().byteValue();
    CRC32 crc = new CRC32();
    crc.update(bytes, chunk.start() + 4, chunk.length() + 4);
    ByteBuffer.wrap(bytes).putInt(chunk.data() + chunk.length(), (int) crc.getValue());
    if (chunk.type().equals("IDAT")) {
      try {
        assertEquals(png.width(), PngVerifier.verify(bytes, Long.MAX_VALUE).width());
      } catch (ImageStoreException e) {
        assertEquals(Failure.INVALID_INPUT, e.failure(), e.getMessage());
      }
    } else {
      assertEquals(png.width(), PngVerifier.verify(bytes, Long.MAX_VALUE).width(), chunk::type);
    }
  }

  // --- checks ---

  /** Verifies or fails with ImageStoreException; UNSUPPORTED_MEDIA exactly without signature. */
  private static void checkOutcome(byte[] bytes, long maxPixels) {
    boolean signed =
        bytes.length >= 8 && Arrays.equals(bytes, 0, 8, SIGNATURE, 0, SIGNATURE.length);
    try {
      PngInfo info = PngVerifier.verify(bytes, maxPixels);
      assertEquals(info, PngVerifier.header(bytes));
      assertTrue(info.pixels() <= maxPixels);
    } catch (ImageStoreException e) {
      if (signed) {
        assertTrue(
            e.failure() == Failure.INVALID_INPUT || e.failure() == Failure.TOO_LARGE,
            e::getMessage);
      } else {
        assertEquals(Failure.UNSUPPORTED_MEDIA, e.failure(), e.getMessage());
      }
    }
    try {
      PngVerifier.header(bytes);
    } catch (ImageStoreException e) {
      assertTrue(e.failure() == (signed ? Failure.INVALID_INPUT : Failure.UNSUPPORTED_MEDIA));
    }
  }

  private static Failure failure(byte[] bytes, long maxPixels) {
    return assertThrows(ImageStoreException.class, () -> PngVerifier.verify(bytes, maxPixels))
        .failure();
  }

  // --- generators ---

  @Provide
  Arbitrary<Long> maxPixels() {
    return Arbitraries.oneOf(
        Arbitraries.just(Long.MAX_VALUE), Arbitraries.longs().between(0, 10_000));
  }

  @Provide
  Arbitrary<ValidPng> validPng() {
    Arbitrary<ValidPng> built =
        Combinators.combine(
                Arbitraries.integers().between(1, 40),
                Arbitraries.integers().between(1, 40),
                Arbitraries.integers().between(0, FORMATS.length - 1),
                Arbitraries.of(false, true),
                Arbitraries.integers().between(1, 4),
                Arbitraries.integers().between(0, 3),
                Arbitraries.integers().between(0, 12).map(n -> n < 9 ? 0 : n - 8),
                Arbitraries.longs())
            .as(PngVerifierProperties::build);
    Arbitrary<ValidPng> grey =
        Combinators.combine(
                Arbitraries.integers().between(1, 100), Arbitraries.integers().between(1, 100))
            .as((w, h) -> new ValidPng(TestPngs.grey(w, h), w, h, 8, 0, false));
    return Arbitraries.frequencyOf(Tuple.of(5, built), Tuple.of(1, grey));
  }

  @Provide
  Arbitrary<Tuple.Tuple2<ValidPng, Integer>> truncation() {
    return validPng()
        .flatMap(
            png ->
                Arbitraries.integers()
                    .between(0, png.bytes().length)
                    .map(cut -> Tuple.of(png, cut)));
  }

  @Provide
  Arbitrary<Tuple.Tuple3<ValidPng, Integer, Integer>> flip() {
    return validPng()
        .flatMap(
            png ->
                Combinators.combine(
                        Arbitraries.integers().between(0, png.bytes().length - 1),
                        Arbitraries.integers().between(1, 255))
                    .as((at, mask) -> Tuple.of(png, at, mask)));
  }

  /** Valid PNGs with bytes flipped, inserted, deleted or cut off. */
  @Provide
  Arbitrary<byte[]> mutatedPng() {
    Arbitrary<Edit> edit =
        Combinators.combine(
                Arbitraries.integers().between(0, 3),
                Arbitraries.integers().greaterOrEqual(0),
                Arbitraries.integers().between(1, 255))
            .as(Edit::new);
    return Combinators.combine(validPng(), edit.list().ofMinSize(1).ofMaxSize(5))
        .as((png, edits) -> apply(png.bytes(), edits));
  }

  /** Random bytes, with and without a signature, and chunk sequences with correct CRCs. */
  @Provide
  Arbitrary<byte[]> junk() {
    Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(200);
    Arbitrary<byte[]> signed = random.map(b -> concat(SIGNATURE, b));
    Arbitrary<byte[]> headed =
        Combinators.combine(validPng(), random)
            .as((png, b) -> concat(Arrays.copyOf(png.bytes(), PngVerifier.HEADER_BYTES + 4), b));
    Arbitrary<byte[]> chunks =
        Combinators.combine(
                Arbitraries.integers().between(0, 8), Arbitraries.longs(), Arbitraries.of(0, 1))
            .as(PngVerifierProperties::randomChunks);
    return Arbitraries.frequencyOf(
        Tuple.of(2, random), Tuple.of(2, signed), Tuple.of(2, headed), Tuple.of(4, chunks));
  }

  // --- building PNGs ---

  /**
   * A PNG of random scanlines with random filter types, its zlib stream split into {@code idats}
   * chunks, {@code ancillary} chunks around the image data and {@code trailing} bytes after IEND.
   */
  static ValidPng build(
      int width,
      int height,
      int format,
      boolean interlaced,
      int idats,
      int ancillary,
      int trailing,
      long seed) {
    Random random = new Random(seed);
    int colorType = FORMATS[format][0];
    int depth = FORMATS[format][1];
    int bits =
        depth
            * switch (colorType) {
              case 2 -> 3;
              case 4 -> 2;
              case 6 -> 4;
              default -> 1;
            };
    ByteArrayOutputStream raw = new ByteArrayOutputStream();
    int[][] passes = interlaced ? ADAM7 : new int[][] {{0, 0, 1, 1}};
    for (int[] p : passes) {
      int w = width > p[0] ? (width - p[0] + p[2] - 1) / p[2] : 0;
      int h = height > p[1] ? (height - p[1] + p[3] - 1) / p[3] : 0;
      for (int row = 0; w > 0 && row < h; row++) {
        byte[] line = new byte[1 + (w * bits + 7) / 8];
        random.nextBytes(line);
        line[0] = (byte) random.nextInt(5);
        raw.writeBytes(line);
      }
    }
    byte[] zlib = TestPngs.deflate(raw.toByteArray());

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(SIGNATURE);
    Pngs.chunk(out, "IHDR", TestPngs.ihdr(width, height, depth, colorType, interlaced ? 1 : 0));
    int before = random.nextInt(ancillary + 1);
    for (int i = 0; i < before; i++) {
      ancillary(out, random);
    }
    if (colorType == 3 || (colorType >= 2 && random.nextBoolean())) {
      byte[] palette = new byte[3 * (1 + random.nextInt(256))];
      random.nextBytes(palette);
      Pngs.chunk(out, "PLTE", palette);
    }
    int[] cuts = new int[idats + 1];
    for (int i = 1; i < idats; i++) {
      cuts[i] = random.nextInt(zlib.length + 1);
    }
    cuts[idats] = zlib.length;
    Arrays.sort(cuts);
    for (int i = 0; i < idats; i++) {
      Pngs.chunk(out, "IDAT", Arrays.copyOfRange(zlib, cuts[i], cuts[i + 1]));
    }
    for (int i = before; i < ancillary; i++) {
      ancillary(out, random);
    }
    Pngs.chunk(out, "IEND", new byte[0]);
    byte[] tail = new byte[trailing];
    random.nextBytes(tail);
    out.writeBytes(tail);
    return new ValidPng(out.toByteArray(), width, height, depth, colorType, interlaced);
  }

  private static void ancillary(ByteArrayOutputStream out, Random random) {
    byte[] data = new byte[random.nextInt(40)];
    random.nextBytes(data);
    Pngs.chunk(out, ANCILLARY[random.nextInt(ANCILLARY.length)], data);
  }

  /**
   * Up to {@code count} chunks with correct CRCs: IHDR, PLTE, IDAT, IEND or others, in any order.
   */
  static byte[] randomChunks(int count, long seed, int startWithIhdr) {
    Random random = new Random(seed);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(SIGNATURE);
    if (startWithIhdr == 1) {
      int[] f = FORMATS[random.nextInt(FORMATS.length)];
      Pngs.chunk(
          out,
          "IHDR",
          TestPngs.ihdr(
              1 + random.nextInt(20), 1 + random.nextInt(20), f[1], f[0], random.nextInt(2)));
    }
    String[] types = {"IHDR", "PLTE", "IDAT", "IDAT", "IDAT", "IEND", "tEXt", "ABCD"};
    for (int i = 0; i < count; i++) {
      String type = types[random.nextInt(types.length)];
      byte[] data;
      if (type.equals("IDAT") && random.nextBoolean()) {
        byte[] rows = new byte[random.nextInt(2000)];
        for (int j = 0; j < rows.length; j++) {
          rows[j] = (byte) (random.nextInt(3) == 0 ? random.nextInt(6) : random.nextInt(256));
        }
        data = TestPngs.deflate(rows);
      } else if (type.equals("IHDR") && random.nextBoolean()) {
        data =
            TestPngs.ihdr(
                random.nextInt(),
                random.nextInt(),
                random.nextInt(20),
                random.nextInt(8),
                random.nextInt(3));
      } else {
        data = new byte[random.nextInt(30)];
        random.nextBytes(data);
      }
      Pngs.chunk(out, type, data);
    }
    return out.toByteArray();
  }

  /** The chunks of a valid PNG, IEND last. */
  static List<Chunk> layout(byte[] png) {
    List<Chunk> chunks = new ArrayList<>();
    ByteBuffer b = ByteBuffer.wrap(png);
    int pos = SIGNATURE.length;
    while (true) {
      int length = b.getInt(pos);
      String type = new String(png, pos + 4, 4, StandardCharsets.ISO_8859_1);
      chunks.add(new Chunk(type, pos, length));
      if (type.equals("IEND")) {
        return chunks;
      }
      pos += 12 + length;
    }
  }

  record Edit(int kind, int position, int value) {}

  static byte[] apply(byte[] bytes, List<Edit> edits) {
    byte[] b = bytes;
    for (Edit e : edits) {
      int at = e.position() % (b.length + 1);
      switch (e.kind()) {
        case 0 -> {
          if (at < b.length) {
            b = b.clone();
            b[at] ^= (byte) e.value();
          }
        }
        case 1 -> {
          byte[] c = new byte[b.length + 1];
          System.arraycopy(b, 0, c, 0, at);
          c[at] = (byte) e.value();
          System.arraycopy(b, at, c, at + 1, b.length - at);
          b = c;
        }
        case 2 -> {
          if (at < b.length) {
            byte[] c = new byte[b.length - 1];
            System.arraycopy(b, 0, c, 0, at);
            System.arraycopy(b, at + 1, c, at, b.length - at - 1);
            b = c;
          }
        }
        default -> b = Arrays.copyOf(b, at);
      }
    }
    return b;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] c = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }
}
