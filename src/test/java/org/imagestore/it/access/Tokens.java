package org.imagestore.it.access;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * An identity provider for the tests: a key pair made here, its public key as a PEM file for the
 * server's {@code mp.jwt.verify.publickey.location}, and RS256 JWTs signed with its private key.
 */
final class Tokens {
  static final String ISSUER = "https://login.imagestore.test";

  private final KeyPair keys;

  Tokens() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      keys = generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Writes the public key as PEM and returns its {@code file:} URL. */
  String publicKeyLocation(String name) {
    Path file = Path.of("target", "jwt", name + ".pem").toAbsolutePath();
    String pem =
        "-----BEGIN PUBLIC KEY-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(keys.getPublic().getEncoded())
            + "\n-----END PUBLIC KEY-----\n";
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, pem);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file.toUri().toString();
  }

  /** A token for {@code user} in {@code groups}, valid for a minute. */
  String forUser(String user, String... groups) {
    return sign(claims(user, ISSUER, Instant.now().plusSeconds(60), groups));
  }

  static JsonObject claims(String user, String issuer, Instant expires, String... groups) {
    JsonArrayBuilder groupList = Json.createArrayBuilder();
    for (String group : groups) {
      groupList.add(group);
    }
    long now = Instant.now().getEpochSecond();
    return Json.createObjectBuilder()
        .add("iss", issuer)
        .add("sub", user)
        .add("upn", user)
        .add("groups", groupList)
        .add("jti", UUID.randomUUID().toString())
        .add("iat", Math.min(now, expires.getEpochSecond() - 60))
        .add("exp", expires.getEpochSecond())
        .build();
  }

  String sign(JsonObject claims) {
    String signed = part("{\"alg\":\"RS256\",\"typ\":\"JWT\"}") + "." + part(claims.toString());
    try {
      Signature rsa = Signature.getInstance("SHA256withRSA");
      rsa.initSign(keys.getPrivate());
      rsa.update(signed.getBytes(StandardCharsets.US_ASCII));
      return signed + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(rsa.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static String part(String json) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }
}
