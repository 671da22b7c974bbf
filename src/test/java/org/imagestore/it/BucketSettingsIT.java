package org.imagestore.it;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/** Bad s3 settings stop the deployment with the key in the log. */
@BucketOnly
class BucketSettingsIT extends ImageStoreClient {
  @ArquillianResource Deployer deployer;

  @Deployment(name = "no-bucket", managed = false, testable = false)
  static WebArchive noBucket() {
    return war("no-bucket", Map.of("imagestore.s3.bucket", "no-such-bucket"));
  }

  @Deployment(name = "bad-serve", managed = false, testable = false)
  static WebArchive badServe() {
    return war("bad-serve", Map.of("imagestore.s3.serve", "cdn"));
  }

  @Deployment(name = "offload", managed = false, testable = false)
  static WebArchive offload() {
    return war("offload", Map.of("imagestore.offload", "x-accel-redirect"));
  }

  private static WebArchive war(String name, Map<String, String> settings) {
    return Deployments.war(
        name + ".war", "/" + name, Deployments.freshStorage("bucket-settings"), settings);
  }

  @Test
  void aMissingBucketFailsTheDeployment() {
    assertDeploymentFails("no-bucket", "imagestore.s3.bucket: there is no bucket no-such-bucket");
  }

  @Test
  void anUnknownServeModeFailsTheDeployment() {
    assertDeploymentFails("bad-serve", "imagestore.s3.serve");
  }

  @Test
  void offloadingToAFrontServerNeedsAFolder() {
    assertDeploymentFails("offload", "imagestore.offload");
  }

  private void assertDeploymentFails(String deployment, String message) {
    long logStart = TestServer.logLength();
    assertThrows(Exception.class, () -> deployer.deploy(deployment));
    String log = TestServer.logSince(logStart);
    assertTrue(log.contains(message), "the log does not say " + message);
  }
}
