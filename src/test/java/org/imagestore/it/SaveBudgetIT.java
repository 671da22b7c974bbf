package org.imagestore.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.imagestore.client.ImageStoreException;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * {@code imagestore.max-inflight-bytes}: while one large save holds the budget (its client is slow
 * to send the body), the next waits {@code imagestore.inflight-wait-millis} and gets 503 with
 * Retry-After; once the slow one is gone, saves go through again.
 */
class SaveBudgetIT extends ImageStoreTestBase {
  private static final TestStorage STORAGE = Deployments.freshStorage("save-budget");

  @Deployment(testable = false)
  static WebArchive app() {
    return Deployments.war(
        "/budget",
        STORAGE,
        Map.of(
            "imagestore.max-inflight-bytes", "8388608",
            "imagestore.inflight-wait-millis", "300"));
  }

  @Test
  void aSaveThatFindsTheBudgetSpentGets503WithRetryAfterAndNothingIsWritten() throws Exception {
    byte[] png = Pngs.flat(8, 8, 0x778899);
    int busy = 0;
    int saved = 0;
    // The slow client is raw: it announces a large body and sends only its start.
    try (Socket slow = new Socket(base.getHost(), base.getPort())) {
      OutputStream out = slow.getOutputStream();
      out.write(
          ("POST "
                  + base.getPath()
                  + "api/save-image HTTP/1.1\r\nHost: "
                  + base.getHost()
                  + "\r\nContent-Type: application/json\r\nContent-Length: 10000000\r\n\r\n"
                  + "{\"image\":\"iVBORw0KGgo")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      long deadline = System.nanoTime() + 20_000_000_000L;
      while (busy == 0 && System.nanoTime() < deadline) {
        try {
          images.save(png, null);
          saved++;
        } catch (ImageStoreException refused) {
          assertEquals(503, refused.status(), refused::getMessage);
          assertNotNull(refused.error(), refused::getMessage);
          assertEquals(Optional.of(Duration.ofSeconds(1)), refused.retryAfter());
          busy++;
        }
      }
      if (busy == 0) {
        // Say what became of the slow request: answered already, or never read by the server.
        slow.setSoTimeout(1000);
        byte[] answer = new byte[512];
        int read;
        try {
          read = slow.getInputStream().read(answer);
        } catch (SocketTimeoutException e) {
          read = 0;
        }
        String said = read > 0 ? new String(answer, 0, read, StandardCharsets.US_ASCII) : "nothing";
        fail("no save was ever told to wait in " + saved + " saves; the slow request got: " + said);
      }
    }
    assertEquals(1, busy);
    assertEquals(saved, pngsOnDisk(), "a refused save wrote nothing");
    long deadline = System.nanoTime() + 20_000_000_000L;
    boolean savedAgain = false;
    String refusal = null;
    while (!savedAgain && System.nanoTime() < deadline) {
      try {
        images.save(png, null);
        savedAgain = true;
      } catch (ImageStoreException refused) {
        refusal = refused.getMessage();
      }
    }
    assertTrue(savedAgain, "the slow client's share was never given back: " + refusal);
    assertTrue(pngsOnDisk() > saved);
  }

  private static long pngsOnDisk() {
    return STORAGE.names().stream().filter(name -> name.endsWith(".png")).count();
  }
}
