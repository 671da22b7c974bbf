package org.imagestore.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.JsonObject;
import java.util.Map;
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
  private static final TestStorage STORAGE = Deployments.freshStorage("redeploy");

  @ArquillianResource Deployer deployer;

  @Deployment(name = "redeploy", managed = false, testable = false)
  static WebArchive app() {
    return Deployments.war("/redeploy", STORAGE, Map.of());
  }

  @Test
  void aRedeployReconcilesOnlyWhatChangedWhileItWasDown() throws Exception {
    deployer.deploy("redeploy");
    base = TestServer.deployedAt("/redeploy");
    try {
      awaitIndex();
      String first = save(Pngs.flat(3, 3, 1), null).getString("filename");
      save(Pngs.flat(4, 4, 2), null);
      save(Pngs.flat(5, 5, 3), null);

      deployer.undeploy("redeploy");
      STORAGE.delete(first);
      STORAGE.delete(first.replace(".png", ".json"));
      STORAGE.writeSeedImage("20251029_101530", Pngs.flat(6, 6, 4), "added while down");
      deployer.deploy("redeploy");
      awaitIndex();

      JsonObject last = getJson("api/storage-stats").getJsonObject("last_reconciliation");
      assertEquals(1, last.getInt("added"), last.toString());
      assertEquals(1, last.getInt("removed"), last.toString());
      assertEquals(2, last.getInt("unchanged"), last.toString());
      assertEquals(0, last.getInt("updated"), last.toString());
      assertEquals(3, getJson("api/list-images").getInt("count"));
      assertEquals(1, getJson("api/list-images?q=while+down").getInt("count"));
    } finally {
      deployer.undeploy("redeploy");
    }
  }
}
