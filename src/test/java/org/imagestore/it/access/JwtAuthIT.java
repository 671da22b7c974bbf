package org.imagestore.it.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.imagestore.client.ImageEntry;
import org.imagestore.client.ImageQuery;
import org.imagestore.client.ImageStoreClient;
import org.imagestore.it.Deployments;
import org.imagestore.it.ImageStoreTestBase;
import org.imagestore.it.Pngs;
import org.imagestore.it.TestStorage;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * {@code imagestore.auth=jwt}: the server's MicroProfile JWT checks tokens signed by a key pair the
 * test made; the owner is the token's {@code upn}, admins are those in the group named in {@code
 * imagestore.admins}. A token it refuses is the contract's 401 all the same.
 */
class JwtAuthIT extends ImageStoreTestBase {
  private static final TestStorage STORAGE = Deployments.freshStorage("jwt-auth");
  private static final Tokens TOKENS = new Tokens();
  private static final String ADMINS = "imagestore-admins";

  @Deployment(testable = false)
  static WebArchive app() {
    return Deployments.war(
        "/jwt-auth",
        STORAGE,
        Map.of(
            "imagestore.auth",
            "jwt",
            "imagestore.admins",
            ADMINS,
            "mp.jwt.verify.publickey.location",
            TOKENS.publicKeyLocation("jwt-auth"),
            "mp.jwt.verify.issuer",
            Tokens.ISSUER));
  }

  @Override
  protected String credentials() {
    return TOKENS.forUser("root", ADMINS);
  }

  @Test
  void theOwnerIsTheTokensUserAndAdminsAreByGroup() {
    ImageStoreClient alice = clientOf(deployed(), TOKENS.forUser("alice", "staff"));
    ImageStoreClient bob = clientOf(deployed(), TOKENS.forUser("bob"));
    String alices = alice.save(Pngs.flat(4, 4, 0x111111), null).filename();
    String bobs = bob.save(Pngs.flat(4, 4, 0x222222), null).filename();
    assertEquals("alice", STORAGE.readJson(alices.replace(".png", ".json")).getString("owner"));

    List<ImageEntry> mine = alice.list(ImageQuery.all()).images();
    assertEquals(List.of(alices), mine.stream().map(ImageEntry::filename).toList());
    assertRefused(404, () -> alice.delete(bobs));
    assertRefused(403, () -> alice.stats());
    assertTrue(STORAGE.exists(bobs));

    List<String> all =
        images.list(ImageQuery.all()).images().stream().map(ImageEntry::filename).toList();
    assertTrue(all.containsAll(List.of(alices, bobs)), all::toString);
    images.stats();
    images.delete(bobs);
    assertTrue(!STORAGE.exists(bobs));
  }

  @Test
  void missingExpiredForeignAndTamperedTokensAre401WithTheErrorBody() {
    Tokens stranger = new Tokens();
    String valid = TOKENS.forUser("alice");
    String[] parts = valid.split("\\.");
    String tampered =
        parts[0]
            + "."
            + Tokens.part(
                Tokens.claims("root", Tokens.ISSUER, Instant.now().plusSeconds(60), ADMINS)
                    .toString())
            + "."
            + parts[2];
    for (String token :
        new String[] {
          null,
          "not-a-jwt",
          TOKENS.sign(Tokens.claims("alice", Tokens.ISSUER, Instant.now().minusSeconds(600))),
          TOKENS.sign(
              Tokens.claims("alice", "https://elsewhere.test", Instant.now().plusSeconds(60))),
          stranger.forUser("alice"),
          tampered
        }) {
      var request = target("api/list-images").request();
      Response response =
          token == null ? request.get() : request.header("Authorization", "Bearer " + token).get();
      String challenge = response.getHeaderString("WWW-Authenticate");
      assertError(response, 401);
      assertTrue(challenge != null && challenge.startsWith("Bearer"), token);
    }
    assertEquals(
        200,
        target("api/list-images")
            .request()
            .header("Authorization", "Bearer " + valid)
            .get()
            .getStatus());
  }
}
