package org.imagestore.recipe;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.imagestore.recipe.RecipePngs.chunk;
import static org.imagestore.recipe.RecipePngs.concat;
import static org.imagestore.recipe.RecipePngs.deflate;
import static org.imagestore.recipe.RecipePngs.itxt;
import static org.imagestore.recipe.RecipePngs.latin1;
import static org.imagestore.recipe.RecipePngs.tiny;
import static org.imagestore.recipe.RecipePngs.with;
import static org.imagestore.recipe.RecipePngs.ztxt;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class PngTextTest {
  private static final String VIETNAMESE = "Ảnh một con mèo trên mái nhà, phong cách tranh sơn dầu";

  private static List<TextChunk> read(byte[] png) {
    return PngText.read(ByteBuffer.wrap(png));
  }

  @Test
  void tinyPngIsValidAndHasNoText() throws Exception {
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(tiny()));
    assertEquals(1, image.getWidth());
    assertEquals(List.of(), read(tiny()));
  }

  @Test
  void aHundredThousandEmptyChunksCostNoMoreThanSixtyFourKept() {
    byte[][] empty = new byte[100_000][];
    java.util.Arrays.fill(empty, chunk("tEXt", latin1("a\0")));
    List<TextChunk> read = PngText.read(java.nio.ByteBuffer.wrap(with(tiny(), empty)));
    assertEquals(PngText.MAX_CHUNKS, read.size());
  }

  @Test
  void textCompressedTextAndInternationalText() {
    byte[] png =
        with(
            tiny(),
            chunk("tEXt", concat(latin1("parameters"), new byte[] {0}, latin1("café, 20 steps"))),
            ztxt("prompt", deflate(latin1("{\"3\":{}}"))),
            itxt("Title", VIETNAMESE, false),
            itxt("Description", VIETNAMESE, true));
    assertEquals(
        List.of(
            new TextChunk("parameters", "café, 20 steps"),
            new TextChunk("prompt", "{\"3\":{}}"),
            new TextChunk("Title", VIETNAMESE),
            new TextChunk("Description", VIETNAMESE)),
        read(png));
  }

  @Test
  void chunkWritesTextForLatin1AndInternationalTextOtherwise() throws Exception {
    byte[] latin = PngText.chunk("parameters", "a cat, Steps: 20");
    byte[] vietnamese = PngText.chunk("parameters", VIETNAMESE);
    assertEquals("tEXt", new String(latin, 4, 4, ISO_8859_1));
    assertEquals("iTXt", new String(vietnamese, 4, 4, ISO_8859_1));
    for (byte[] chunk : List.of(latin, vietnamese)) {
      assertEquals(chunk.length - 12, ByteBuffer.wrap(chunk).getInt());
      CRC32 crc = new CRC32();
      crc.update(chunk, 4, chunk.length - 8);
      assertEquals((int) crc.getValue(), ByteBuffer.wrap(chunk).getInt(chunk.length - 4));
    }
    byte[] png = with(tiny(), latin, vietnamese);
    assertEquals(1, ImageIO.read(new ByteArrayInputStream(png)).getHeight());
    assertEquals(
        List.of(
            new TextChunk("parameters", "a cat, Steps: 20"),
            new TextChunk("parameters", VIETNAMESE)),
        read(png));
  }

  @Test
  void chunkLeavesOutNulsAndRefusesBadKeywords() {
    assertEquals(List.of(new TextChunk("k", "ab")), read(with(tiny(), PngText.chunk("k", "a\0b"))));
    for (String keyword : List.of("", " lead", "trail ", "dou  ble", "x".repeat(80), "mèo ướt")) {
      assertThrows(IllegalArgumentException.class, () -> PngText.chunk(keyword, "text"));
    }
  }

  @Test
  void malformedChunksAreSkipped() {
    byte[] good = PngText.chunk("good", "kept");
    byte[] png =
        with(
            tiny(),
            chunk("tEXt", latin1("no nul anywhere in this chunk")),
            chunk("tEXt", concat(new byte[] {0}, latin1("empty keyword"))),
            chunk("tEXt", concat(latin1("x".repeat(80)), new byte[] {0}, latin1("long keyword"))),
            chunk("tEXt", concat(new byte[] {'a', 7}, new byte[] {0}, latin1("control"))),
            chunk("zTXt", concat(latin1("bad method"), new byte[] {0, 8}, deflate(latin1("x")))),
            ztxt("corrupt", latin1("this is not zlib data at all")),
            ztxt("truncated", Arrays.copyOf(deflate(latin1("a".repeat(1000))), 5)),
            chunk("zTXt", concat(latin1("no method"), new byte[] {0})),
            chunk("iTXt", concat(latin1("flag"), new byte[] {0, 2, 0, 0, 0}, latin1("x"))),
            chunk(
                "iTXt", concat(latin1("method"), new byte[] {0, 1, 5, 0, 0}, deflate(latin1("x")))),
            chunk("iTXt", concat(latin1("no tags"), new byte[] {0, 0, 0}, latin1("x"))),
            chunk("iTXt", concat(latin1("utf8"), new byte[] {0, 0, 0, 0, 0, (byte) 0xff})),
            good);
    assertEquals(List.of(new TextChunk("good", "kept")), read(png));
  }

  @Test
  void zlibBombIsBoundedAndLaterChunksStillRead() {
    byte[] bomb = ztxt("bomb", RecipePngs.zeros(100L << 20));
    byte[] itxtBomb =
        chunk(
            "iTXt",
            concat(latin1("bomb"), new byte[] {0, 1, 0, 0, 0}, RecipePngs.zeros(100L << 20)));
    byte[] png = with(tiny(), bomb, itxtBomb, PngText.chunk("after", "kept"));
    List<TextChunk> chunks = assertTimeoutPreemptively(Duration.ofSeconds(2), () -> read(png));
    assertEquals(List.of(new TextChunk("after", "kept")), chunks);
  }

  @Test
  void totalTextIsBounded() {
    byte[] big = PngText.chunk("big", "x".repeat(PngText.MAX_TOTAL_TEXT / 3));
    byte[] small = PngText.chunk("small", "y");
    List<TextChunk> chunks = read(with(tiny(), big, big, big, big, small));
    assertEquals(
        List.of("big", "big", "big", "small"), chunks.stream().map(TextChunk::keyword).toList());
    byte[] exact = PngText.chunk("exact", "x".repeat(PngText.MAX_TOTAL_TEXT));
    assertEquals(
        List.of("exact"),
        read(with(tiny(), exact, small)).stream().map(TextChunk::keyword).toList());
  }

  @Test
  void compressedChunkOverItsLimitIsSkipped() {
    byte[] over = ztxt("over", deflate(new byte[PngText.MAX_CHUNK_TEXT + 1]));
    byte[] under = ztxt("under", deflate(new byte[PngText.MAX_CHUNK_TEXT]));
    List<TextChunk> chunks = read(with(tiny(), over, under));
    assertEquals(List.of("under"), chunks.stream().map(TextChunk::keyword).toList());
    assertEquals(PngText.MAX_CHUNK_TEXT, chunks.get(0).text().length());
  }

  @Test
  void leavesTheBufferAsItWasAndReadsReadOnlyLittleEndianSlices() {
    byte[] png = with(tiny(), PngText.chunk("k", "v"));
    byte[] copy = png.clone();
    ByteBuffer buffer = ByteBuffer.wrap(png).asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
    buffer.position(20);
    assertEquals(List.of(new TextChunk("k", "v")), PngText.read(buffer));
    assertEquals(20, buffer.position());
    assertEquals(png.length, buffer.limit());
    assertEquals(ByteOrder.LITTLE_ENDIAN, buffer.order());
    assertArrayEquals(copy, png);
    ByteBuffer direct = ByteBuffer.allocateDirect(png.length).put(png).flip();
    assertEquals(List.of(new TextChunk("k", "v")), PngText.read(direct));
  }

  @Test
  void stopsAtIendAndAtTheLimit() {
    byte[] png = with(tiny(), PngText.chunk("k", "v"));
    byte[] afterEnd = concat(png, PngText.chunk("late", "ignored"));
    assertEquals(List.of(new TextChunk("k", "v")), read(afterEnd));
    byte[] chunk = PngText.chunk("k", "v");
    int end = PngText.INSERT_OFFSET + chunk.length;
    assertEquals(List.of(), PngText.read(ByteBuffer.wrap(png).limit(end - 1)));
    assertEquals(List.of(new TextChunk("k", "v")), PngText.read(ByteBuffer.wrap(png).limit(end)));
    byte[] huge = png.clone();
    ByteBuffer.wrap(huge).putInt(PngText.INSERT_OFFSET, -1);
    assertEquals(List.of(), read(huge));
    for (int length = 0; length < png.length; length++) {
      read(Arrays.copyOf(png, length));
    }
  }
}
