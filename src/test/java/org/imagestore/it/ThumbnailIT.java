package org.imagestore.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ws.rs.core.Response;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.imagestore.client.DeleteImages;
import org.imagestore.client.ImageEntry;
import org.imagestore.client.ImageQuery;
import org.imagestore.client.SavedImage;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * Thumbnails: {@code thumbnail_url} in every entry, a WebP of the configured width made at its
 * first request (once, however many ask at the same time), served with the images' caching contract
 * and deleted with the image. Only the configured widths are made.
 */
class ThumbnailIT extends ImageStoreTestBase {
  private static final TestStorage STORAGE = Deployments.freshStorage("thumbnails");
  private static final String THUMBNAILS = "/thumbs/storage/thumbnails/";

  @Deployment(testable = false)
  static WebArchive app() {
    return Deployments.war("/thumbs", STORAGE, Map.of("imagestore.derived-widths", "512, 1024"));
  }

  @Test
  void eachEntryHasAThumbnailOfTheConfiguredWidthWithTheAspectKept() throws IOException {
    SavedImage square = images.save(Pngs.realistic(1024, 1024, 1), null);
    SavedImage wide = images.save(Pngs.realistic(2048, 1536, 2), null);
    assertEquals(THUMBNAILS + "256/" + square.filename(), square.thumbnailUrl());
    Map<String, String> listed =
        images.list(ImageQuery.all()).images().stream()
            .collect(Collectors.toMap(ImageEntry::filename, ImageEntry::thumbnailUrl));
    for (SavedImage saved : List.of(square, wide)) {
      assertEquals(saved.thumbnailUrl(), listed.get(saved.filename()));
    }

    assertDecodes(get(square.thumbnailUrl()), 256, 256);
    assertDecodes(get(wide.thumbnailUrl()), 256, 192);
    assertDecodes(get(THUMBNAILS + "1024/" + wide.filename()), 1024, 768);
    assertTrue(STORAGE.exists("derived_256_" + square.filename() + ".webp"));
  }

  @Test
  void aThumbnailKeepsTheImagesCachingContract() {
    String url = images.save(Pngs.realistic(640, 480, 3), null).thumbnailUrl();
    Response first = get(url);
    assertEquals(200, first.getStatus());
    String etag = first.getHeaderString("ETag");
    byte[] bytes = first.readEntity(byte[].class);
    assertEquals("\"" + Pngs.sha256(bytes) + "\"", etag);
    assertEquals("public, max-age=31536000, immutable", first.getHeaderString("Cache-Control"));
    assertEquals(etag, get(url).getHeaderString("ETag"));

    Response notModified =
        CLIENT.target(absolute(url)).request().header("If-None-Match", etag).get();
    assertEquals(304, notModified.getStatus());
    Response range = CLIENT.target(absolute(url)).request().header("Range", "bytes=0-9").get();
    assertEquals(206, range.getStatus());
    assertEquals("bytes 0-9/" + bytes.length, range.getHeaderString("Content-Range"));
    Response head = CLIENT.target(absolute(url)).request().head();
    assertEquals(200, head.getStatus());
    assertEquals(String.valueOf(bytes.length), head.getHeaderString("Content-Length"));
    assertEquals(etag, head.getHeaderString("ETag"));
  }

  @Test
  void onlyConfiguredWidthsOfStoredImagesAreMade() {
    String name = images.save(Pngs.realistic(300, 200, 4), null).filename();
    for (String width : List.of("300", "0", "99999", "abc", "")) {
      assertError(get(THUMBNAILS + width + "/" + name), 400);
    }
    assertError(get(THUMBNAILS + "256/generated_20000101_000000.png"), 404);
    assertError(get(THUMBNAILS + "256/../" + name), 400);
    assertError(get(THUMBNAILS + "256/" + name.replace(".png", ".json")), 400);
    assertEquals(
        List.of(), STORAGE.names().stream().filter(n -> n.startsWith("derived_300")).toList());
  }

  @Test
  void concurrentFirstRequestsMakeTheThumbnailOnce() throws Exception {
    String name = images.save(Pngs.realistic(2048, 2048, 5), null).filename();
    long logStart = TestServer.logLength();
    ExecutorService clients = Executors.newFixedThreadPool(8);
    try {
      List<Callable<String>> requests = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        requests.add(
            () -> {
              Response response = get(THUMBNAILS + "512/" + name);
              assertEquals(200, response.getStatus());
              return response.getHeaderString("ETag");
            });
      }
      Set<String> etags = new java.util.HashSet<>();
      for (Future<String> answer : clients.invokeAll(requests)) {
        etags.add(answer.get());
      }
      assertEquals(1, etags.size(), etags::toString);
    } finally {
      clients.shutdown();
    }
    Matcher made =
        Pattern.compile("made " + Pattern.quote("derived_512_" + name))
            .matcher(TestServer.logSince(logStart));
    int count = 0;
    while (made.find()) {
      count++;
    }
    assertEquals(1, count, "thumbnails made for 8 concurrent first requests");
  }

  @Test
  void deletesTakeTheThumbnailsAlong() {
    String one = images.save(Pngs.realistic(320, 320, 6), null).filename();
    String two = images.save(Pngs.realistic(320, 320, 7), null).filename();
    for (String name : List.of(one, two)) {
      assertEquals(200, get(THUMBNAILS + "256/" + name).getStatus());
      assertEquals(200, get(THUMBNAILS + "512/" + name).getStatus());
    }
    assertTrue(images.stats().derivedCount() >= 4);

    images.delete(one);
    images.deleteImages(DeleteImages.filenames(List.of(two)));
    for (String name : List.of(one, two)) {
      assertFalse(STORAGE.exists("derived_256_" + name + ".webp"), name);
      assertFalse(STORAGE.exists("derived_512_" + name + ".webp"), name);
      assertError(get(THUMBNAILS + "256/" + name), 404);
    }
  }

  /**
   * Derived images whose image went behind the service's back, or of a width no longer configured,
   * go at the next reconciliation; the others stay.
   */
  @Test
  void reconciliationRemovesOrphanedThumbnails() {
    String name = images.save(Pngs.realistic(300, 300, 8), null).filename();
    assertEquals(200, get(THUMBNAILS + "256/" + name).getStatus());
    String kept = "derived_256_" + name + ".webp";
    String ofAGoneImage = "derived_256_generated_20000101_000000.png.webp";
    String ofAnOldWidth = "derived_300_" + name + ".webp";
    STORAGE.write(ofAGoneImage, STORAGE.read(kept));
    STORAGE.write(ofAnOldWidth, STORAGE.read(kept));

    images.reindex();
    assertTrue(STORAGE.exists(kept));
    assertFalse(STORAGE.exists(ofAGoneImage));
    assertFalse(STORAGE.exists(ofAnOldWidth));
  }

  private Response get(String path) {
    return CLIENT.target(absolute(path)).request().get();
  }

  private static void assertDecodes(Response response, int width, int height) throws IOException {
    assertEquals(200, response.getStatus());
    assertEquals("image/webp", response.getMediaType().toString());
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(response.readEntity(byte[].class)));
    assertNotNull(image, "not a WebP the test can read");
    assertEquals(width, image.getWidth());
    assertEquals(height, image.getHeight());
  }
}
