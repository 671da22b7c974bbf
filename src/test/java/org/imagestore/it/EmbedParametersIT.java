package org.imagestore.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.imagestore.client.SavedImage;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * imagestore.embed-parameters=true: a PNG saved without A1111's {@code parameters} chunk is stored
 * with one made from its metadata, which A1111's "PNG Info" tab and this service read back; a PNG
 * that has one, or metadata without a prompt, is stored as uploaded.
 */
class EmbedParametersIT extends ImageStoreTestBase {
  private static final TestStorage STORAGE = Deployments.freshStorage("embed-parameters");
  private static final byte[] PLAIN = Pngs.realistic(64, 48, 41);

  @Deployment(testable = false)
  static WebArchive app() {
    return Deployments.war("/", STORAGE, Map.of("imagestore.embed-parameters", "true"));
  }

  @Test
  void aPngWithoutParametersIsStoredWithThemBuiltFromItsMetadata() {
    JsonObject metadata =
        Json.createObjectBuilder()
            .add("prompt", "a lighthouse at dusk, oil painting")
            .add("negative_prompt", "blurry")
            .add("steps", 25)
            .add("sampler_name", "Euler a")
            .add("cfg_scale", 7.5)
            .add("seed", 1234)
            .add("width", 64)
            .add("height", 48)
            .add("model", "sd_xl_base_1.0")
            .build();
    SavedImage saved = images.save(PLAIN, metadata);
    byte[] stored = bytesOf(saved.filename());
    assertNotEquals(PLAIN.length, stored.length);
    assertEquals(stored.length, saved.size(), "the answer gives the stored size");
    assertArrayEquals(stored, STORAGE.read(saved.filename()));
    String parameters = textChunk(stored, "parameters");
    assertEquals(
        "a lighthouse at dusk, oil painting\n"
            + "Negative prompt: blurry\n"
            + "Steps: 25, Sampler: Euler a, CFG scale: 7.5, Seed: 1234, Size: 64x48,"
            + " Model: sd_xl_base_1.0",
        parameters);
  }

  @Test
  void aPngThatHasParametersOrMetadataWithoutAPromptIsStoredAsUploaded() {
    byte[] withChunk = Pngs.withText(PLAIN, "parameters", RecipeIT.INFOTEXT);
    SavedImage first =
        images.save(withChunk, Json.createObjectBuilder().add("prompt", "x").build());
    assertArrayEquals(withChunk, bytesOf(first.filename()));
    SavedImage second = images.save(PLAIN, Json.createObjectBuilder().add("chat_id", "c1").build());
    assertArrayEquals(PLAIN, bytesOf(second.filename()));
  }

  /** The text of the first tEXt chunk with this keyword; fails if there is none. */
  private static String textChunk(byte[] png, String keyword) {
    ByteBuffer b = ByteBuffer.wrap(png);
    for (int at = 8; at + 12 <= png.length; at += 12 + b.getInt(at)) {
      String type = new String(png, at + 4, 4, StandardCharsets.ISO_8859_1);
      String data = new String(png, at + 8, b.getInt(at), StandardCharsets.ISO_8859_1);
      if (type.equals("tEXt") && data.startsWith(keyword + "\0")) {
        return data.substring(keyword.length() + 1);
      }
    }
    throw new AssertionError("no " + keyword + " chunk");
  }
}
