package org.imagestore.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.imagestore.client.ImageEntry;
import org.imagestore.client.ImageList;
import org.imagestore.client.ImageQuery;
import org.imagestore.client.SavedImage;
import org.imagestore.it.browser.Browser;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The serving contract through nginx with the shipped front config: the application decides and
 * answers with X-Accel-Redirect, nginx sends the bytes. The API's URLs point at the front through
 * {@code imagestore.public-base-url}, as they would at a CDN.
 */
@FilesystemOnly
class FrontServerIT extends ServingContract {
  private static final TestStorage STORAGE = withAFileOutside(Deployments.freshFolder("front"));
  private static final NginxFront FRONT = new NginxFront();
  private static final String PUBLIC_BASE = FRONT.url() + "storage/images/";

  private URL application;

  @Deployment(testable = false)
  static WebArchive app() {
    return Deployments.war(
        "/",
        STORAGE,
        Map.of(
            "imagestore.offload", "x-accel-redirect", "imagestore.public-base-url", PUBLIC_BASE));
  }

  @BeforeAll
  static void startFront() throws Exception {
    FRONT.start(STORAGE.folder(), TestServer.deployedAt(""));
  }

  @AfterAll
  static void stopFront() throws Exception {
    FRONT.stop();
  }

  @Override
  TestStorage storage() {
    return STORAGE;
  }

  @Override
  URL entryPoint(URL deployed) {
    application = deployed;
    return FRONT.url();
  }

  /** Payara answers these itself with an empty 200; the front refuses them on every server. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "/storage/images/%u002e%u002e%u2215etc/passwd",
        "/api/delete-image/%u002e%u002e%u2215etc%u2215passwd",
        "/storage/images/%zz"
      })
  void malformedEscapesGet400FromTheFront(String rawPath) {
    for (String method : new String[] {"GET", "DELETE"}) {
      assertEquals(400, RawHttp.request(FRONT.url(), method, rawPath).status(), rawPath);
    }
  }

  @Test
  void theApplicationAnswersWithTheInternalLocationAndNoBytes() {
    try (Response direct =
        CLIENT.target(application + "storage/images/" + filename()).request().get()) {
      assertEquals(200, direct.getStatus());
      assertEquals("/_imagestore_files/" + filename(), direct.getHeaderString("X-Accel-Redirect"));
      assertEquals("image/png", direct.getHeaderString("Content-Type"));
      assertEquals(0, direct.readEntity(byte[].class).length);
    }
  }

  @Test
  void returnedUrlsAreBuiltOnThePublicBaseUrl() {
    byte[] png = Pngs.flat(7, 7, 0x123456);
    SavedImage saved = images.save(png, null);
    assertEquals(PUBLIC_BASE + saved.filename(), saved.url());
    // The client is at the front, so this fetches the returned URL itself.
    assertArrayEquals(png, bytesOf(saved.filename()));
    // The Location header is not in the client's answer: read it on the wire.
    String body = Json.createObjectBuilder().add("image", Pngs.base64(png)).build().toString();
    try (Response raw = post("api/save-image", body)) {
      assertEquals(201, raw.getStatus());
      JsonObject answer = raw.readEntity(JsonObject.class);
      String url = answer.getString("url");
      assertEquals(PUBLIC_BASE + answer.getString("filename"), url);
      assertEquals(url, raw.getHeaderString("Location"));
    }
    ImageList listed = images.list(ImageQuery.all().limit(100));
    assertTrue(listed.count() > 0);
    listed.images().forEach(image -> assertEquals(PUBLIC_BASE + image.filename(), image.url()));
  }

  @Test
  void theFrontsBodyLimitFitsTheLargestImageTheApplicationTakes() {
    // About 18.8 MB of barely compressible pixels, under the default 20 MiB: 25 MB as base64 JSON.
    byte[] nearTheLimit = Pngs.noise(2500, 2500, 11);
    assertTrue(nearTheLimit.length > 18_000_000 && nearTheLimit.length < 20 * 1024 * 1024);
    assertArrayEquals(nearTheLimit, bytesOf(images.save(nearTheLimit, null).filename()));
    // Over the limit, the refusal is the application's JSON 413, not nginx's own page.
    byte[] overTheLimit = new byte[21 * 1024 * 1024];
    new Random(7).nextBytes(overTheLimit);
    assertRefused(413, () -> images.save(overTheLimit, null));
  }

  /**
   * The grid shows thumbnails, which the application makes and the front sends (X-Accel-Redirect,
   * like the images); the images themselves are on the public base URL.
   */
  @Test
  void theGalleryShowsThumbnailsThroughTheFrontAndImagesFromThePublicBaseUrl() {
    ChromeDriver driver = Browser.start();
    try {
      driver.get(FRONT.url().toString());
      Browser.await(driver, d -> Browser.imagesLoaded(d, "figure.card img"));
      List<String> sources =
          driver.findElements(By.cssSelector("figure.card img")).stream()
              .map(image -> image.getAttribute("src"))
              .toList();
      // The first page of the grid, image for image, is the API's first page.
      List<ImageEntry> page = images.list(ImageQuery.all().limit(sources.size())).images();
      assertEquals(
          page.stream().map(entry -> absoluteOn(FRONT.url(), entry.thumbnailUrl())).toList(),
          sources);
      page.forEach(entry -> assertTrue(entry.url().startsWith(PUBLIC_BASE), entry.url()));
    } finally {
      driver.quit();
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/_imagestore_files/",
        "/_imagestore_files/NAME.png",
        "/_imagestore_files/NAME.json",
        "/%5fimagestore_files/NAME.png",
        "/_imagestore_files%2fNAME.png",
        "/storage/images/../../_imagestore_files/NAME.png",
        "/storage/images/..%2f..%2f_imagestore_files%2fNAME.png",
        "/_imagestore_files/../front/NAME.png"
      })
  void theInternalLocationIsNotReachableFromOutside(String pattern) {
    String rawPath = pattern.replace("NAME", filename().replace(".png", ""));
    RawHttp.Reply reply = RawHttp.request(FRONT.url(), "GET", rawPath);
    assertTrue(reply.status() == 400 || reply.status() == 404, rawPath + " -> " + reply.text());
    assertFalse(reply.text().contains("PNG"), rawPath + " served image bytes");
    assertFalse(reply.text().contains("created_at"), rawPath + " served a sidecar");
  }

  private static String absoluteOn(URL front, String path) {
    return URI.create(front.toString()).resolve(path).toString();
  }
}
