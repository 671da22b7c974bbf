package org.imagestore.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ApiKeysTest {
  private static final String BOBS_DIGEST = HexFormat.of().formatHex(ApiKeys.sha256("bob-secret"));
  private static final ApiKeys KEYS =
      ApiKeys.parse(" alice = alice-secret ,bob=sha256:" + BOBS_DIGEST.toUpperCase() + ",");

  @Test
  void aKeyIsGivenAsItselfOrAsItsSha256() {
    assertEquals(Optional.of("alice"), KEYS.ownerOf("alice-secret"));
    assertEquals(Optional.of("bob"), KEYS.ownerOf("bob-secret"));
  }

  @Test
  void theDigestItselfIsNotAKey() {
    assertEquals(Optional.empty(), KEYS.ownerOf(BOBS_DIGEST));
    assertEquals(Optional.empty(), KEYS.ownerOf("sha256:" + BOBS_DIGEST));
    assertEquals(Optional.empty(), KEYS.ownerOf("alice-secret "));
    assertEquals(Optional.empty(), KEYS.ownerOf(""));
  }

  @Test
  void anEmptySettingHasNoKeys() {
    assertTrue(ApiKeys.parse("").isEmpty());
    assertTrue(ApiKeys.parse(" , ").isEmpty());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "alice",
        "=key",
        "alice=",
        "alice=sha256:abc",
        "bob=sha256:gggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggg",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa=key"
      })
  void malformedPairsAreRefusedAtStart(String setting) {
    IllegalArgumentException refused =
        assertThrows(IllegalArgumentException.class, () -> ApiKeys.parse(setting));
    assertTrue(refused.getMessage().startsWith("imagestore.api-keys"), refused.getMessage());
  }
}
