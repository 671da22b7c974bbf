package org.imagestore.it;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * A bad value of a setting that requests use stops the deployment, with the key in the log, instead
 * of deploying a WAR that answers every request with 500. The s3 settings are tried in the s3 runs.
 */
class BadSettingsIT extends ChatBackEnd {
  private static final TestStorage STORAGE = Deployments.freshStorage("bad-settings");

  @ArquillianResource Deployer deployer;

  @Deployment(name = "bad-origins", managed = false, testable = false)
  static WebArchive badOrigins() {
    return Deployments.war(
        "bad-origins.war",
        "/bad-origins",
        STORAGE,
        Map.of("imagestore.cors-origins", "chat.example.com"));
  }

  @Deployment(name = "bad-budget", managed = false, testable = false)
  static WebArchive badBudget() {
    return Deployments.war(
        "bad-budget.war", "/bad-budget", STORAGE, Map.of("imagestore.max-inflight-bytes", "0"));
  }

  @Deployment(name = "no-bucket", managed = false, testable = false)
  static WebArchive noBucket() {
    return Deployments.war(
        "no-bucket.war", "/no-bucket", STORAGE, Map.of("imagestore.s3.bucket", "no-such-bucket"));
  }

  @Deployment(name = "bad-serve", managed = false, testable = false)
  static WebArchive badServe() {
    return Deployments.war(
        "bad-serve.war", "/bad-serve", STORAGE, Map.of("imagestore.s3.serve", "cdn"));
  }

  @Deployment(name = "offload-from-bucket", managed = false, testable = false)
  static WebArchive offloadFromBucket() {
    return Deployments.war(
        "offload-from-bucket.war",
        "/offload-from-bucket",
        STORAGE,
        Map.of("imagestore.offload", "x-accel-redirect"));
  }

  @Deployment(name = "unknown-auth", managed = false, testable = false)
  static WebArchive unknownAuth() {
    return Deployments.war(
        "unknown-auth.war", "/unknown-auth", STORAGE, Map.of("imagestore.auth", "password"));
  }

  @Deployment(name = "keyless-auth", managed = false, testable = false)
  static WebArchive keylessAuth() {
    return Deployments.war(
        "keyless-auth.war", "/keyless-auth", STORAGE, Map.of("imagestore.auth", "api-key"));
  }

  @Deployment(name = "short-signing-key", managed = false, testable = false)
  static WebArchive shortSigningKey() {
    return Deployments.war(
        "short-signing-key.war",
        "/short-signing-key",
        STORAGE,
        Map.of("imagestore.private-images", "true", "imagestore.url-signing-keys", "secret"));
  }

  @Deployment(name = "private-on-a-cdn", managed = false, testable = false)
  static WebArchive privateOnACdn() {
    return Deployments.war(
        "private-on-a-cdn.war",
        "/private-on-a-cdn",
        STORAGE,
        Map.of(
            "imagestore.private-images", "true",
            "imagestore.url-signing-keys", "a-signing-key-of-more-than-32-characters",
            "imagestore.public-base-url", "https://cdn.example.com/images/"));
  }

  @Test
  void anUnknownAuthModeFailsTheDeployment() {
    assertDeploymentFails("unknown-auth", "imagestore.auth must be none, api-key or jwt");
  }

  @Test
  void apiKeyAuthWithoutKeysFailsTheDeployment() {
    assertDeploymentFails("keyless-auth", "imagestore.auth=api-key needs imagestore.api-keys");
  }

  @Test
  void privateImagesNeedLongSigningKeys() {
    assertDeploymentFails("short-signing-key", "imagestore.url-signing-keys");
  }

  @Test
  void privateImagesCannotBeServedByAPublicHost() {
    assertDeploymentFails("private-on-a-cdn", "cannot be used with imagestore.public-base-url");
  }

  @Test
  @BucketOnly
  void aMissingBucketFailsTheDeployment() {
    assertDeploymentFails("no-bucket", "imagestore.s3.bucket: there is no bucket no-such-bucket");
  }

  @Test
  @BucketOnly
  void anUnknownServeModeFailsTheDeployment() {
    assertDeploymentFails("bad-serve", "imagestore.s3.serve");
  }

  @Test
  @BucketOnly
  void offloadingToAFrontServerNeedsAFolder() {
    assertDeploymentFails("offload-from-bucket", "imagestore.offload");
  }

  @Test
  void aCorsOriginThatIsNoOriginFailsTheDeployment() {
    assertDeploymentFails("bad-origins", "imagestore.cors-origins");
  }

  @Test
  void aBudgetOfNothingFailsTheDeployment() {
    assertDeploymentFails("bad-budget", "imagestore.max-inflight-bytes");
  }

  private void assertDeploymentFails(String deployment, String message) {
    long logStart = TestServer.logLength();
    assertThrows(Exception.class, () -> deployer.deploy(deployment));
    String log = TestServer.awaitLog(logStart, text -> text.contains(message));
    assertTrue(log.contains(message), "the log does not say " + message);
  }
}
