package org.imagestore.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.imagestore.storage.Failure;
import org.imagestore.storage.ImageStoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SaveRequestTest {
  private static final byte[] BYTES =
      "\u0089PNG fake bytes that only need decoding".getBytes(StandardCharsets.ISO_8859_1);
  private static final String BASE64 = Base64.getEncoder().encodeToString(BYTES);

  /** The bytes of a decoded image, from position 0 to its limit. */
  static byte[] bytes(ByteBuffer png) {
    byte[] bytes = new byte[png.limit()];
    png.get(0, bytes);
    return bytes;
  }

  private static SaveRequest read(String body) {
    return SaveRequest.read(
        new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), 1000, -1);
  }

  private static Failure failure(String body) {
    return assertThrows(ImageStoreException.class, () -> read(body)).failure();
  }

  @Test
  void plainBase64AndMetadataAsGiven() {
    SaveRequest request =
        read(
            "{\"image\":\""
                + BASE64
                + "\",\"metadata\":{\"cfg_scale\":7.5,\"width\":768,\"x\":[1]}}");
    assertArrayEquals(BYTES, bytes(request.png()));
    JsonObject expected =
        Json.createReader(new java.io.StringReader("{\"cfg_scale\":7.5,\"width\":768,\"x\":[1]}"))
            .readObject();
    assertEquals(expected, request.metadata());
    assertEquals("7.5", request.metadata().get("cfg_scale").toString());
  }

  @Test
  void dataUrlsWhitespaceAndUrlSafeBase64() {
    String wrapped = BASE64.substring(0, 10) + "\\r\\n " + BASE64.substring(10);
    assertArrayEquals(
        BYTES, bytes(read("{\"image\":\"DATA:image/PNG;BASE64," + wrapped + "\"}").png()));
    String urlSafe = Base64.getUrlEncoder().encodeToString(new byte[] {(byte) 0xfb, (byte) 0xff});
    assertArrayEquals(
        new byte[] {(byte) 0xfb, (byte) 0xff},
        bytes(read("{\"image\":\"" + urlSafe + "\"}").png()));
    assertEquals(JsonObject.EMPTY_JSON_OBJECT, read("{\"image\":\"" + BASE64 + "\"}").metadata());
    assertEquals(
        JsonObject.EMPTY_JSON_OBJECT,
        read("{\"image\":\"" + BASE64 + "\",\"metadata\":null}").metadata());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{}|INVALID_INPUT",
        "{\"image\":null}|INVALID_INPUT",
        "{\"image\":\"\"}|INVALID_INPUT",
        "{\"image\":\"   \"}|INVALID_INPUT",
        "{\"image\":7}|INVALID_INPUT",
        "{\"image\":\"@@@@\"}|INVALID_INPUT",
        "not json|INVALID_INPUT",
        "[1,2]|INVALID_INPUT",
        "{\"image\":\"QUJD\",\"metadata\":[]}|INVALID_INPUT",
        "{\"image\":\"data:image/png,QUJD\"}|INVALID_INPUT",
        "{\"image\":\"data:image/jpeg;base64,QUJD\"}|UNSUPPORTED_MEDIA"
      })
  void badBodies(String body, Failure expected) {
    assertEquals(expected, failure(body));
  }

  @Test
  void tooLargeBeforeDecodingAndBodiesPastTheLimit() {
    String big = "A".repeat(2000);
    assertEquals(Failure.TOO_LARGE, failure("{\"image\":\"" + big + "\"}"));
    String huge =
        "{\"image\":\"QUJD\",\"metadata\":{\"pad\":\""
            + "x".repeat((int) SaveRequest.maxBodyBytes(1000))
            + "\"}}";
    assertEquals(Failure.TOO_LARGE, failure(huge));
  }
}
