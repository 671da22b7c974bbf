package org.imagestore.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ServingConfigTest {
  @ParameterizedTest
  @CsvSource({
    "none, NONE",
    "x-accel-redirect, X_ACCEL_REDIRECT",
    "X-Accel-Redirect, X_ACCEL_REDIRECT",
    "' x-sendfile ', X_SENDFILE"
  })
  void offloadModesAreReadAsConfigured(String value, Offload expected) {
    assertEquals(expected, Offload.parse(value));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "nginx", "x-accel", "sendfile"})
  void unknownOffloadModesStopTheDeployment(String value) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Offload.parse(value));
    assertEquals(
        "imagestore.offload must be none, x-accel-redirect or x-sendfile, is " + value,
        e.getMessage());
  }

  @ParameterizedTest
  @CsvSource({
    "https://cdn.example.com/images, https://cdn.example.com/images/",
    "https://cdn.example.com/images/, https://cdn.example.com/images/",
    "http://127.0.0.1:8280/storage/images/, http://127.0.0.1:8280/storage/images/",
    "/static/images, /static/images/"
  })
  void publicBaseUrlsEndInASlash(String value, String expected) {
    assertEquals(expected, ServingConfig.baseUrl(value));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "cdn.example.com/images",
        "ftp://cdn.example.com/images",
        "https:///images",
        "https://cdn.example.com/images?v=1",
        "https://cdn.example.com/images#top",
        "javascript:alert(1)",
        "https://cdn example.com/"
      })
  void otherPublicBaseUrlsStopTheDeployment(String value) {
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> ServingConfig.baseUrl(value));
    assertTrue(e.getMessage().startsWith("imagestore.public-base-url"), e.getMessage());
  }

  @Test
  void theOffloadPrefixIsTheConfiguredOneElseTheModesElseTheFolder() {
    Path dir = Path.of("/var/lib/imagestore/images");
    assertEquals(
        "/_imagestore_files/",
        ServingConfig.offloadPrefix(Offload.X_ACCEL_REDIRECT, Optional.empty(), dir));
    assertEquals(
        "/var/lib/imagestore/images/",
        ServingConfig.offloadPrefix(Offload.X_SENDFILE, Optional.of(" "), dir));
    assertEquals(
        "/srv/images/",
        ServingConfig.offloadPrefix(Offload.X_SENDFILE, Optional.of("/srv/images"), dir));
    assertEquals(
        "/internal/png/",
        ServingConfig.offloadPrefix(Offload.X_ACCEL_REDIRECT, Optional.of("/internal/png/"), dir));
  }
}
