package org.imagestore.it.browser;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.imagestore.it.Deployments;
import org.imagestore.it.Pngs;
import org.imagestore.it.TestStorage;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/** imagestore.js's saveImage given a Blob, as a page has one from a generator's fetch. */
class BlobSaveIT extends BrowserTestBase {
  private static final TestStorage STORAGE = Deployments.freshStorage("blob-save");

  @Deployment(testable = false)
  static WebArchive app() {
    return Deployments.war("/chat", STORAGE, Map.of());
  }

  @Test
  void aBlobGoesAsAMultipartFormWithItsMetadataInAPart() {
    byte[] png = Pngs.realistic(128, 96, 51);
    driver.get(base + "demo.html");
    @SuppressWarnings("unchecked")
    Map<String, Object> result =
        (Map<String, Object>)
            driver.executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                    // Record what the module sends, then let the request go.
                    + "const sent = [];"
                    + "const fetchAsIs = window.fetch;"
                    + "window.fetch = (url, init) => {"
                    + "  sent.push(init.body instanceof FormData); return fetchAsIs(url, init); };"
                    // Built in the page: its Content-Security-Policy allows no fetch of data: URLs.
                    + "const blob = new Blob("
                    + "  [Uint8Array.from(atob(arguments[1]), c => c.charCodeAt(0))], {type: 'image/png'});"
                    + "import(arguments[0])"
                    + "  .then(m => m.saveImage(blob, {prompt: 'Ảnh một con mèo', steps: 20}))"
                    + ".then(saved => done({saved, sent}), e => done({error: String(e)}));",
                base + "imagestore.js",
                Pngs.base64(png));
    @SuppressWarnings("unchecked")
    Map<String, Object> saved = (Map<String, Object>) result.get("saved");
    assertEquals(true, saved == null ? result : saved.get("stored"), result.toString());
    assertEquals(java.util.List.of(true), result.get("sent"), "sent as a form: " + result);
    String filename = (String) saved.get("filename");
    assertArrayEquals(png, STORAGE.read(filename));
    assertEquals("Ảnh một con mèo", listed(filename).metadata().getString("prompt"));
    assertEquals(20, listed(filename).metadata().getInt("steps"));
  }
}
