package org.imagestore.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URL;
import java.util.Map;
import org.imagestore.client.ImageQuery;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/** POST /api/generate with no generator configured (404), and with one that is down (502). */
class GenerateOffIT extends ChatBackEnd {
  private static final TestStorage OFF = Deployments.freshStorage("generate-off");
  private static final TestStorage DOWN = Deployments.freshStorage("generate-down");

  @ArquillianResource
  @OperateOnDeployment("off")
  private URL off;

  @ArquillianResource
  @OperateOnDeployment("down")
  private URL down;

  @Deployment(name = "off", order = 1, testable = false)
  static WebArchive off() {
    return Deployments.war("generate-off.war", "/generate-off", OFF, Map.of());
  }

  @Deployment(name = "down", order = 2, testable = false)
  static WebArchive down() {
    return Deployments.war(
        "generate-down.war",
        "/generate-down",
        DOWN,
        Map.of("imagestore.sd-url", "http://127.0.0.1:" + closedPort() + "/"));
  }

  @Test
  void withoutAGeneratorGenerateIsNotFound() throws InterruptedException {
    connect(off);
    awaitIndex();
    String error = assertError(post("api/generate", "{\"prompt\": \"x\"}"), 404);
    assertTrue(error.contains("imagestore.sd-url"), error);
  }

  @Test
  void aGeneratorThatIsDownIsA502AndNothingIsStored() throws InterruptedException {
    connect(down);
    awaitIndex();
    String error = assertError(post("api/generate", "{\"prompt\": \"x\"}"), 502);
    assertTrue(error.contains("could not be reached"), error);
    assertEquals(0, images.list(ImageQuery.all()).count());
    assertEquals(0, DOWN.names().size());
  }

  /** A port nothing listens on: taken from the system, then let go. */
  private static int closedPort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
