package org.imagestore.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.imagestore.storage.JsonText;
import org.junit.jupiter.api.Test;

class ImageListWriterTest {
  private static final String METADATA = "{\"prompt\":\"a \\\"red\\\" fox\\n\",\"steps\":20}";

  @Test
  void copiesTheStoredMetadataTextAndLeavesNullsOut() throws IOException {
    ImageView image =
        new ImageView(
            "generated_1.png",
            "/storage/images/generated_1.png",
            null,
            "2025-11-30T00:00:00.000000+00:00",
            12,
            3,
            null,
            new JsonText(METADATA),
            null);
    String json = write(new ImageList(List.of(image), 1, 50, 0, null));
    assertEquals(
        "{\"images\":[{\"filename\":\"generated_1.png\",\"url\":\"/storage/images/generated_1.png\","
            + "\"created_at\":\"2025-11-30T00:00:00.000000+00:00\",\"size\":12,\"width\":3,"
            + "\"metadata\":"
            + METADATA
            + "}],\"count\":1,\"limit\":50,\"offset\":0}",
        json);
  }

  @Test
  void escapesWhatJsonStringsMustEscape() throws IOException {
    String owner = "quote \" backslash \\ tab \t nul \u0000 bell \u0007 é 😀";
    ImageView image =
        new ImageView("n", "u", "t", "c", 1, null, null, Json.createObjectBuilder().build(), owner);
    String json = write(new ImageList(List.of(image, image), 2, 1, 1, "cursor"));
    JsonObject parsed = Json.createReader(new StringReader(json)).readObject();
    assertEquals(owner, parsed.getJsonArray("images").getJsonObject(1).getString("owner"));
    assertEquals("cursor", parsed.getString("next_cursor"));
    assertEquals(2, parsed.getJsonArray("images").size());
  }

  @Test
  void jsonTextParsesOnlyWhenAMemberIsRead() {
    JsonText text = new JsonText(METADATA);
    assertEquals(METADATA, text.toString());
    assertEquals("a \"red\" fox\n", text.getString("prompt"));
    assertEquals(20, text.getInt("steps"));
    assertEquals(Json.createReader(new StringReader(METADATA)).readObject(), text);
  }

  private static String write(ImageList list) throws IOException {
    var out = new ByteArrayOutputStream();
    new ImageListWriter().writeTo(list, ImageList.class, ImageList.class, null, null, null, out);
    return out.toString(StandardCharsets.UTF_8);
  }
}
