package org.imagestore.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ws.rs.core.Response;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.imagestore.client.ImageQuery;
import org.imagestore.client.Reconciliation;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * The index lives in the datasource, so it outlives the application: after a redeploy only what
 * changed meanwhile is read again.
 */
class RedeployIT extends ChatBackEnd {
  private static final int BUSY_IMAGES = 3000;
  private static final TestStorage STORAGE = Deployments.freshStorage("redeploy");
  private static final TestStorage THUMBNAILS = Deployments.freshStorage("redeploy-thumbnails");

  /** A folder the server's index has not seen, even in a rerun: its first start reads it all. */
  private static final TestStorage BUSY =
      Deployments.freshStorage("redeploy-busy-" + System.currentTimeMillis());

  @ArquillianResource Deployer deployer;

  @Deployment(name = "redeploy", managed = false, testable = false)
  static WebArchive app() {
    return Deployments.war("/redeploy", STORAGE, Map.of());
  }

  @Deployment(name = "thumbnails", managed = false, testable = false)
  static WebArchive thumbnails() {
    return Deployments.war("thumbnails.war", "/redeploy-thumbnails", THUMBNAILS, Map.of());
  }

  @Deployment(name = "busy", managed = false, testable = false)
  static WebArchive busy() {
    return Deployments.war("busy.war", "/redeploy-busy", BUSY, Map.of());
  }

  /**
   * An undeploy waits for the maintenance job it meets. A job that ran on after the application had
   * gone lost its transaction manager mid-transaction and could leave the lease row locked, so the
   * next deployment's start-up reconciliation waited minutes for it.
   */
  @Test
  @FilesystemOnly
  void anUndeployDuringStartUpReconciliationLeavesNothingBehind() throws Exception {
    LocalDateTime first = LocalDateTime.of(2025, 1, 1, 0, 0);
    DateTimeFormatter stamp = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss");
    byte[] png = Pngs.flat(2, 2, 1);
    for (int i = 0; i < BUSY_IMAGES; i++) {
      BUSY.writeSeedImage(first.plusSeconds(i).format(stamp), png, "seed");
    }
    long logStart = TestServer.logLength();
    deployer.deploy("busy");
    // At once, while the start-up reconciliation reads the folder.
    deployer.undeploy("busy");
    String log = TestServer.logSince(logStart);
    assertFalse(log.contains("after container"), "a job outlived its application:\n" + log);
    assertFalse(log.contains("could not release"), "a job outlived its application:\n" + log);
    try {
      deployer.deploy("busy");
      connect(TestServer.deployedAt("/redeploy-busy"));
      awaitIndex();
      assertEquals(BUSY_IMAGES, images.list(ImageQuery.all()).count());
    } finally {
      deployer.undeploy("busy");
    }
  }

  /**
   * libwebp is a JNI library, which only one class loader may hold: the redeployed WAR loads its
   * own copy (webp-imageio extracts it to a new file each time) and still makes WebP, with no
   * fallback in the log.
   */
  @Test
  void thumbnailsAreStillWebPAfterARedeploy() throws InterruptedException {
    deployer.deploy("thumbnails");
    try {
      connect(TestServer.deployedAt("/redeploy-thumbnails"));
      awaitIndex();
      String before = images.save(Pngs.realistic(400, 300, 1), null).thumbnailUrl();
      assertEquals("image/webp", thumbnail(before));
      deployer.undeploy("thumbnails");
      long logStart = TestServer.logLength();
      deployer.deploy("thumbnails");
      awaitIndex();
      String after = images.save(Pngs.realistic(400, 300, 2), null).thumbnailUrl();
      assertEquals("image/webp", thumbnail(after));
      assertEquals("image/webp", thumbnail(before));
      String log = TestServer.logSince(logStart);
      assertTrue(log.contains("derived images are WebP"), "no WebP after the redeploy");
      assertFalse(log.contains("libwebp cannot be used"), "the fallback after a redeploy");
    } finally {
      deployer.undeploy("thumbnails");
    }
  }

  private String thumbnail(String url) {
    Response response = CLIENT.target(absolute(url)).request().get();
    assertEquals(200, response.getStatus());
    response.readEntity(byte[].class);
    return response.getMediaType().toString();
  }

  @Test
  void aRedeployReconcilesOnlyWhatChangedWhileItWasDown() throws Exception {
    deployer.deploy("redeploy");
    connect(TestServer.deployedAt("/redeploy"));
    try {
      awaitIndex();
      String first = images.save(Pngs.flat(3, 3, 1), null).filename();
      images.save(Pngs.flat(4, 4, 2), null);
      images.save(Pngs.flat(5, 5, 3), null);

      deployer.undeploy("redeploy");
      STORAGE.delete(first);
      STORAGE.delete(first.replace(".png", ".json"));
      STORAGE.writeSeedImage("20251029_101530", Pngs.flat(6, 6, 4), "added while down");
      deployer.deploy("redeploy");
      awaitIndex();

      Reconciliation last = images.stats().lastReconciliation();
      assertEquals(1, last.added(), last::toString);
      assertEquals(1, last.removed(), last::toString);
      assertEquals(2, last.unchanged(), last::toString);
      assertEquals(0, last.updated(), last::toString);
      assertEquals(3, images.list(ImageQuery.all()).count());
      assertEquals(1, images.list(ImageQuery.all().q("while down")).count());
    } finally {
      deployer.undeploy("redeploy");
    }
  }
}
