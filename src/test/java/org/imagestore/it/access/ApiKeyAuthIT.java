package org.imagestore.it.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.imagestore.client.BatchDeleted;
import org.imagestore.client.DeleteImages;
import org.imagestore.client.ImageEntry;
import org.imagestore.client.ImageQuery;
import org.imagestore.client.ImageStoreClient;
import org.imagestore.it.Deployments;
import org.imagestore.it.ImageStoreTestBase;
import org.imagestore.it.Pngs;
import org.imagestore.it.TestServer;
import org.imagestore.it.TestStorage;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code imagestore.auth=api-key}: alice and bob each see and delete only their own images, root
 * (an admin) sees and manages all of them, and an image from before auth was on is root's alone.
 */
class ApiKeyAuthIT extends ImageStoreTestBase {
  private static final TestStorage STORAGE = Deployments.freshStorage("api-key-auth");
  private static final String ALICE = "alice-key-5f1d8c0a9b7e4e21";
  private static final String BOB = "bob-key-2c9e7a1f3d5b4c68";
  private static final String ROOT = "root-key-8a4b2c6d1e3f5a79";
  private static final String BEFORE_AUTH = "generated_20250101_120000.png";

  static {
    STORAGE.writeSeedImage("20250101_120000", Pngs.flat(8, 8, 0x445566), "saved before auth");
  }

  private ImageStoreClient alice;
  private ImageStoreClient bob;

  @Deployment(testable = false)
  static WebArchive app() {
    return Deployments.war(
        "/api-key-auth",
        STORAGE,
        Map.of(
            "imagestore.auth", "api-key",
            // bob's key is given as its SHA-256, as a config file that holds no secret would.
            "imagestore.api-keys",
                "alice=" + ALICE + ", bob=sha256:" + Pngs.sha256(BOB.getBytes()) + ",root=" + ROOT,
            "imagestore.admins", "root"));
  }

  @Override
  protected String credentials() {
    return ROOT;
  }

  @BeforeEach
  void users() {
    alice = clientOf(deployed(), ALICE);
    bob = clientOf(deployed(), BOB);
  }

  @Test
  void everyApiCallWithoutAValidKeyIs401WithABearerChallenge() {
    for (String key : new String[] {null, "Bearer not-a-key", "Basic " + ALICE, "Bearer"}) {
      for (Response response :
          List.of(
              call(key, "api/save-image").post(json("{\"image\":\"\"}")),
              call(key, "api/list-images").get(),
              call(key, "api/delete-image/" + BEFORE_AUTH).delete(),
              call(key, "api/delete-images").post(json("{\"older_than_days\":0}")),
              call(key, "api/storage-stats").get(),
              call(key, "api/admin/reindex").post(json("{}")))) {
        assertError(response, 401);
        assertTrue(response.getHeaderString("WWW-Authenticate").startsWith("Bearer"), key);
      }
    }
    assertTrue(STORAGE.exists(BEFORE_AUTH), "nothing was deleted");
    // Image bytes stay public unless imagestore.private-images is on.
    assertEquals(200, target("storage/images/" + BEFORE_AUTH).request().get().getStatus());
  }

  @Test
  void eachOwnerListsOnlyTheirImagesAndTheAdminListsAll() {
    String alices = alice.save(Pngs.flat(4, 4, 0x101010), null).filename();
    String bobs = bob.save(Pngs.flat(4, 4, 0x202020), null).filename();
    assertEquals("alice", STORAGE.readJson(alices.replace(".png", ".json")).getString("owner"));
    assertEquals("bob", STORAGE.readJson(bobs.replace(".png", ".json")).getString("owner"));

    List<ImageEntry> mine = alice.list(ImageQuery.all()).images();
    assertTrue(mine.stream().allMatch(image -> "alice".equals(image.owner())), mine::toString);
    assertTrue(names(mine).contains(alices));
    assertTrue(!names(mine).contains(bobs) && !names(mine).contains(BEFORE_AUTH));
    assertEquals(mine.size(), alice.list(ImageQuery.all()).count());
    assertTrue(!names(bob.list(ImageQuery.all()).images()).contains(alices));

    List<String> all = names(images.list(ImageQuery.all()).images());
    assertTrue(all.containsAll(List.of(alices, bobs, BEFORE_AUTH)), all::toString);
  }

  @Test
  void aliceCannotDeleteBobsImagesOneAtATimeOrInABatch() {
    String bobs = bob.save(Pngs.flat(5, 5, 0x303030), null).filename();
    String alices = alice.save(Pngs.flat(5, 5, 0x404040), null).filename();
    long start = TestServer.logLength();

    assertRefused(404, () -> alice.delete(bobs));
    assertRefused(404, () -> alice.delete(BEFORE_AUTH));
    BatchDeleted batch =
        alice.deleteImages(DeleteImages.filenames(List.of(alices, bobs, BEFORE_AUTH)));
    assertEquals(List.of(alices), batch.filenames());
    assertEquals(List.of(bobs, BEFORE_AUTH), batch.notFound());

    assertTrue(STORAGE.exists(bobs) && STORAGE.exists(BEFORE_AUTH), "bob's and the old stay");
    assertTrue(!STORAGE.exists(alices), "alice's own went");
    assertTrue(names(bob.list(ImageQuery.all()).images()).contains(bobs), "still listed for bob");
    assertTrue(TestServer.logSince(start).contains("\"status\":404,\"outcome\":\"refused\""));
    assertTrue(TestServer.logSince(start).contains("\"owner\":\"alice\""), "audited as alice");

    // The admin may.
    images.delete(bobs);
    assertTrue(!STORAGE.exists(bobs));
  }

  @Test
  void reindexStatsAndDeletesByAgeAreForAdminsOnly() {
    String alices = alice.save(Pngs.flat(6, 6, 0x505050), null).filename();
    assertRefused(403, () -> alice.stats());
    assertRefused(403, () -> alice.reindex());
    assertRefused(403, () -> alice.deleteImages(DeleteImages.olderThanDays(0)));
    assertRefused(
        403, () -> alice.deleteImages(DeleteImages.before(LocalDate.now().plusDays(1).toString())));
    assertTrue(STORAGE.exists(alices) && STORAGE.exists(BEFORE_AUTH), "nothing deleted");

    assertTrue(images.stats().count() >= 2);
    images.reindex();
    assertEquals(0, images.deleteImages(DeleteImages.before("2001-01-01")).deleted());
  }

  private Invocation.Builder call(String authorization, String path) {
    Invocation.Builder request = target(path).request();
    return authorization == null ? request : request.header("Authorization", authorization);
  }

  private static Entity<String> json(String body) {
    return Entity.entity(body, MediaType.APPLICATION_JSON_TYPE);
  }

  private static List<String> names(List<ImageEntry> entries) {
    return entries.stream().map(ImageEntry::filename).toList();
  }
}
