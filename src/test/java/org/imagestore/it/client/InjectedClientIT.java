package org.imagestore.it.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.Response;
import java.io.File;
import java.net.URL;
import java.util.Map;
import org.imagestore.client.ImageQuery;
import org.imagestore.it.ChatBackEnd;
import org.imagestore.it.Deployments;
import org.imagestore.it.Pngs;
import org.imagestore.it.TestServer;
import org.imagestore.it.TestStorage;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A Jakarta EE application that injects the client with {@code @Inject @RestClient}, configured by
 * MicroProfile Config alone, deployed beside imagestore on the same server: the server's own Rest
 * Client implementation (RESTEasy on WildFly, Jersey on Payara) runs the shipped jar.
 */
class InjectedClientIT extends ChatBackEnd {
  private static final TestStorage STORAGE = Deployments.freshStorage("injected-client");
  private static final File CLIENT_JAR =
      new File("target/imagestore-client-" + System.getProperty("imagestore.version") + ".jar");

  @ArquillianResource
  @OperateOnDeployment("chatbot")
  private URL chatbot;

  @Deployment(name = "imagestore", order = 1, testable = false)
  static WebArchive imagestore() {
    return Deployments.war("/", STORAGE, Map.of());
  }

  @Deployment(name = "chatbot", order = 2, testable = false)
  static WebArchive chatbot() {
    return ShrinkWrap.create(WebArchive.class, "chatbot.war")
        .addClasses(ChatbotApplication.class, ChatbotResource.class)
        .addAsLibrary(CLIENT_JAR)
        .addAsResource(
            new StringAsset("imagestore/mp-rest/url=" + TestServer.deployedAt("") + "\n"),
            "META-INF/microprofile-config.properties");
  }

  @BeforeEach
  void connectToImagestore() throws InterruptedException {
    connect(TestServer.deployedAt(""));
    awaitIndex();
  }

  @Test
  void theChatSavesListsAndDeletesThroughTheInjectedClient() throws Exception {
    byte[] png = Pngs.noise(40, 30, 3);
    String filename;
    try (Response saved =
        chat("api/chat/images")
            .queryParam("prompt", "a red fox")
            .request()
            .post(Entity.entity(png, "image/png"))) {
      assertEquals(200, saved.getStatus(), () -> saved.readEntity(String.class));
      JsonObject answer = saved.readEntity(JsonObject.class);
      filename = answer.getString("filename");
      assertEquals("/storage/images/" + filename, answer.getString("url"));
      assertEquals(40, answer.getInt("width"));
    }
    assertArrayEquals(png, STORAGE.read(filename));
    assertEquals(
        "a red fox", images.list(ImageQuery.all()).images().get(0).metadata().getString("prompt"));

    try (Response found = chat("api/chat/images").queryParam("q", "fox").request().get()) {
      assertEquals(200, found.getStatus());
      JsonArray names = found.readEntity(JsonArray.class);
      assertEquals(filename, ((JsonString) names.get(0)).getString());
    }

    try (Response forgotten = chat("api/chat/images/" + filename).request().delete()) {
      assertEquals(204, forgotten.getStatus());
    }
    assertFalse(STORAGE.exists(filename));
    try (Response again = chat("api/chat/images/" + filename).request().delete()) {
      assertEquals(404, again.getStatus());
      assertTrue(
          again.readEntity(String.class).contains(filename), "imagestore's message, passed on");
    }
  }

  private WebTarget chat(String path) {
    return CLIENT.target(chatbot.toString()).path(path);
  }
}
