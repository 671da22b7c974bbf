package org.imagestore.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.imagestore.client.ImageEntry;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Saves without base64: the raw PNG as the body with its metadata in {@code X-Image-Metadata}, and
 * a browser's multipart form. Both answer as the JSON form does, refuse what it refuses, store the
 * bytes exactly, and leave no temp file behind; a 20 MiB upload never passes through the heap.
 */
class UploadFormsIT extends ImageStoreTestBase {
  private static final TestStorage STORAGE = Deployments.freshStorage("upload-forms");
  private static final TestStorage UPLOADS = Deployments.freshFolder("upload-forms-temp");
  private static final byte[] PNG = Pngs.realistic(320, 240, 5);
  private static final String VIETNAMESE = "Ảnh một con mèo trên mái nhà, phong cách tranh sơn dầu";

  @Deployment(testable = false)
  static WebArchive app() {
    return Deployments.war(
            "/",
            STORAGE,
            Map.of("imagestore.upload-dir", ((FolderStorage) UPLOADS).dir().toString()))
        .addClass(AllocationProbe.class);
  }

  @AfterEach
  void noUploadIsLeftInTheTempFolder() {
    assertEquals(List.of(), UPLOADS.names());
  }

  @Test
  void aRawPngIsStoredByteForByteWithTheMetadataOfItsHeader() throws Exception {
    String metadata =
        Json.createObjectBuilder()
            .add("prompt", VIETNAMESE)
            .add("seed", 42)
            .add("source", "raw-upload")
            .build()
            .toString();
    JsonObject saved;
    try (Response response = saveRaw(PNG, metadata)) {
      saved = created(response);
    }
    assertEquals(320, saved.getInt("width"));
    assertEquals(240, saved.getInt("height"));
    assertEquals(PNG.length, saved.getInt("size"));
    assertArrayEquals(PNG, bytesOf(saved.getString("filename")));
    ImageEntry listed = listed(saved.getString("filename"));
    assertEquals(VIETNAMESE, listed.metadata().getString("prompt"));
    assertEquals(42, listed.metadata().getInt("seed"));
    assertEquals("raw-upload", listed.metadata().getString("source"));
  }

  @Test
  void aMultipartFormIsStoredLikeTheJsonFormAndSkipsFieldsItDoesNotKnow() throws Exception {
    byte[] body =
        new FormBody()
            .field("chat_id", "ignored, like an unknown JSON field")
            .file("image", "generated.png", PNG)
            .field("metadata", "{\"prompt\": \"" + VIETNAMESE + "\", \"steps\": 20}")
            .bytes();
    JsonObject saved;
    try (Response response =
        target("api/save-image").request().post(Entity.entity(body, FormBody.contentType()))) {
      saved = created(response);
    }
    assertArrayEquals(PNG, bytesOf(saved.getString("filename")));
    ImageEntry listed = listed(saved.getString("filename"));
    assertEquals(VIETNAMESE, listed.metadata().getString("prompt"));
    assertEquals(20, listed.metadata().getInt("steps"));
    assertEquals("manual", listed.metadata().getString("source"));
  }

  @Test
  void withoutDedupTheSameBytesTwiceAreTwoImages() {
    String first;
    String second;
    try (Response response = saveRaw(PNG, null)) {
      first = created(response).getString("filename");
    }
    try (Response response = saveForm(PNG, null)) {
      second = created(response).getString("filename");
    }
    assertNotEquals(first, second);
    assertTrue(STORAGE.exists(first) && STORAGE.exists(second));
  }

  /** The JSON form's refusals (see SaveImageIT), sent as raw bodies and as forms. */
  static Stream<Arguments> badImages() {
    byte[] truncated = Arrays.copyOf(PNG, PNG.length - 20);
    byte[] badCrc = PNG.clone();
    badCrc[30] ^= 0x55;
    return Stream.of(
        Arguments.of("empty image", new byte[0], 400),
        Arguments.of("not a PNG", "GIF89a not a png".getBytes(StandardCharsets.UTF_8), 415),
        Arguments.of("truncated PNG", truncated, 400),
        Arguments.of("PNG with a bad CRC", badCrc, 400),
        Arguments.of("decompression bomb", Pngs.bomb(50_000), 413));
  }

  @ParameterizedTest(name = "{0} -> {2}")
  @MethodSource("badImages")
  void badImagesAreRefusedAsTheJsonFormRefusesThemAndWriteNothing(
      String what, byte[] png, int status) {
    List<String> before = STORAGE.names();
    try (Response response = saveRaw(png, null)) {
      assertError(response, status);
    }
    try (Response response = saveForm(png, null)) {
      assertError(response, status);
    }
    assertEquals(before, STORAGE.names(), what + " left files behind");
  }

  static Stream<Arguments> badMetadata() {
    return Stream.of(
        Arguments.of("not JSON", "{prompt: cat", 400),
        Arguments.of("an array", "[1, 2]", 400),
        Arguments.of("JSON and more", "{} {}", 400));
  }

  @ParameterizedTest(name = "metadata {0} -> {2}")
  @MethodSource("badMetadata")
  void badMetadataIsRefusedInTheHeaderAndInTheForm(String what, String metadata, int status) {
    List<String> before = STORAGE.names();
    try (Response response = saveRaw(PNG, metadata)) {
      assertError(response, status);
    }
    try (Response response = saveForm(PNG, metadata)) {
      assertError(response, status);
    }
    assertEquals(before, STORAGE.names(), what + " left files behind");
  }

  @Test
  void metadataOver64KCharactersInAFormIs413() {
    String metadata = "{\"p\": \"" + "x".repeat(70_000) + "\"}";
    try (Response response = saveForm(PNG, metadata)) {
      assertError(response, 413);
    }
  }

  static Stream<Arguments> brokenForms() {
    String head =
        "--"
            + FormBody.BOUNDARY
            + "\r\nContent-Disposition: form-data; name=\"image\"; filename=\"a.png\"\r\n\r\n";
    return Stream.of(
        Arguments.of("no image part", new FormBody().field("metadata", "{}").bytes(), 400),
        Arguments.of("two image parts", twoImages(), 400),
        Arguments.of(
            "no closing boundary", (head + "PNG bytes").getBytes(StandardCharsets.ISO_8859_1), 400),
        Arguments.of("not multipart at all", "just text".getBytes(StandardCharsets.UTF_8), 400));
  }

  private static byte[] twoImages() {
    return new FormBody().file("image", "a.png", PNG).file("image", "b.png", PNG).bytes();
  }

  @ParameterizedTest(name = "{0} -> {2}")
  @MethodSource("brokenForms")
  void aBrokenFormIsRefusedAndWritesNothing(String what, byte[] body, int status) {
    List<String> before = STORAGE.names();
    try (Response response =
        target("api/save-image").request().post(Entity.entity(body, FormBody.contentType()))) {
      assertError(response, status);
    }
    assertEquals(before, STORAGE.names(), what + " left files behind");
  }

  @Test
  void aFormWithoutABoundaryIs400() {
    byte[] body = new FormBody().file("image", "a.png", PNG).bytes();
    try (Response response =
        target("api/save-image").request().post(Entity.entity(body, "multipart/form-data"))) {
      assertError(response, 400);
    }
  }

  @Test
  void uploadsOverTheDefault20MiBAre413WithOrWithoutAContentLength() {
    byte[] big = new byte[21 * 1024 * 1024];
    new java.util.Random(7).nextBytes(big);
    List<String> before = STORAGE.names();
    try (Response response = saveRaw(big, null)) {
      assertError(response, 413);
    }
    try (Response response = saveForm(big, null)) {
      assertError(response, 413);
    }
    // A stream of unknown length goes out chunked: the limit is met while the body arrives.
    try (Response response =
        target("api/save-image")
            .request()
            .post(Entity.entity(new ByteArrayInputStream(big), "image/png"))) {
      assertError(response, 413);
    }
    assertEquals(before, STORAGE.names());
  }

  /**
   * The request thread's allocation while it saves: the JSON form decodes the whole image into the
   * heap (twice the image, measured), the raw and multipart forms allocate only buffers, 1.4 MB on
   * WildFly. On Payara the thread also runs Grizzly's reads into heap buffers of its own, from 1 to
   * 21 MB for the same upload, so only the JSON form is checked there. Not with a bucket: the AWS
   * SDK's URL-connection client buffers a PUT's whole body in HttpURLConnection, whatever the form.
   */
  @Test
  void a20MiBRawUploadIsNeverHeldInTheHeapWhileTheJsonFormIs() {
    assumeFalse(S3Session.active(), "the SDK's HTTP client buffers every PUT body");
    byte[] png = Pngs.noise(2600, 2600, 13);
    assertTrue(png.length > 19 * 1024 * 1024 && png.length <= 20 * 1024 * 1024, "" + png.length);
    long raw;
    long form;
    long json;
    try (Response response = saveRaw(png, "{\"prompt\": \"large\"}")) {
      created(response);
      raw = Long.parseLong(response.getHeaderString(AllocationProbe.HEADER));
    }
    try (Response response = saveForm(png, "{\"prompt\": \"large\"}")) {
      created(response);
      form = Long.parseLong(response.getHeaderString(AllocationProbe.HEADER));
    }
    String body = Json.createObjectBuilder().add("image", Pngs.base64(png)).build().toString();
    try (Response response = post("api/save-image", body)) {
      created(response);
      json = Long.parseLong(response.getHeaderString(AllocationProbe.HEADER));
    }
    System.out.printf(
        "allocated by a %d-byte save: raw %d, multipart %d, JSON %d bytes%n",
        png.length, raw, form, json);
    // The probe sees a held image: the JSON form decodes it into the heap.
    assertTrue(json > png.length, "JSON save allocated " + json);
    if (TestServer.name().equals("wildfly")) {
      assertTrue(raw < png.length / 8, "raw save allocated " + raw);
      assertTrue(form < png.length / 8, "multipart save allocated " + form);
    }
  }

  private static JsonObject created(Response response) {
    String body = response.readEntity(String.class);
    assertEquals(201, response.getStatus(), body);
    JsonObject saved = Json.createReader(new StringReader(body)).readObject();
    assertTrue(saved.getBoolean("success"), body);
    assertTrue(response.getLocation().toString().endsWith(saved.getString("url")), body);
    return saved;
  }
}
