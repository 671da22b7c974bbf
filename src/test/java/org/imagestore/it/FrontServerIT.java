package org.imagestore.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.ws.rs.core.Response;
import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.Random;
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
    try (Response saved = saveRaw(png, null)) {
      JsonObject body = saved.readEntity(JsonObject.class);
      String url = body.getString("url");
      assertEquals(PUBLIC_BASE + body.getString("filename"), url);
      assertEquals(url, saved.getHeaderString("Location"));
      assertArrayEquals(png, download(url));
    }
    JsonObject listed = getJson("api/list-images?limit=100");
    assertTrue(listed.getInt("count") > 0);
    listed.getJsonArray("images").stream()
        .map(image -> image.asJsonObject())
        .forEach(
            image ->
                assertEquals(PUBLIC_BASE + image.getString("filename"), image.getString("url")));
  }

  @Test
  void theFrontsBodyLimitFitsTheLargestImageTheApplicationTakes() {
    // About 18.8 MB of barely compressible pixels, under the default 20 MiB: 25 MB as base64 JSON.
    byte[] nearTheLimit = Pngs.noise(2500, 2500, 11);
    assertTrue(nearTheLimit.length > 18_000_000 && nearTheLimit.length < 20 * 1024 * 1024);
    assertArrayEquals(nearTheLimit, download(save(nearTheLimit, null).getString("url")));
    // Over the limit, the refusal is the application's JSON 413, not nginx's own page.
    byte[] overTheLimit = new byte[21 * 1024 * 1024];
    new Random(7).nextBytes(overTheLimit);
    try (Response response = saveRaw(overTheLimit, null)) {
      assertError(response, 413);
    }
  }

  @Test
  void theGalleryShowsEveryImageFromThePublicBaseUrl() {
    ChromeDriver driver = Browser.start();
    try {
      driver.get(FRONT.url().toString());
      Browser.await(driver, d -> Browser.imagesLoaded(d, "figure.card img"));
      List<String> sources =
          driver.findElements(By.cssSelector("figure.card img")).stream()
              .map(image -> image.getAttribute("src"))
              .toList();
      // The first page of the grid, image for image, is the API's first page.
      assertEquals(
          getJson("api/list-images?limit=" + sources.size()).getJsonArray("images").stream()
              .map(image -> image.asJsonObject().getString("url"))
              .toList(),
          sources);
      sources.forEach(source -> assertTrue(source.startsWith(PUBLIC_BASE), source));
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
}
