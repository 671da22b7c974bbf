package org.imagestore.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.List;
import org.imagestore.storage.Failure;
import org.imagestore.storage.ImageStoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BatchDeleteTest {
  private static BatchDelete read(String body) {
    return BatchDelete.read(
        new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), ZoneId.of("UTC"));
  }

  @Test
  void namesAndAges() {
    assertEquals(List.of("a", "b"), read("{\"filenames\": [\"a\", \"b\"]}").filenames());
    read("{\"older_than_days\": " + BatchDelete.MAX_DAYS + "}");
    read(" {\"before\": \"2025-10-01\"} ");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"older_than_days\": 9223372036854775807}",
        "{\"older_than_days\": 1000001}",
        "{\"older_than_days\": 1e2147483648}",
        "{\"older_than_days\": -1}",
        "{\"filenames\": []} trailing",
        "{\"older_than_days\": 0}, 5",
        "{\"older_than_days\": 0}]",
        "{\"filenames\": [1]}",
        "",
        "[]"
      })
  void hostileBodiesAreInvalidInput(String body) {
    assertInvalid(body);
  }

  @Test
  void nestingPastTheParsersLimitIsInvalidInput() {
    assertInvalid("[".repeat(1000) + "]".repeat(1000));
    assertInvalid("{\"filenames\": " + "[".repeat(5000) + "]".repeat(5000) + "}");
  }

  private static void assertInvalid(String body) {
    assertEquals(
        Failure.INVALID_INPUT, assertThrows(ImageStoreException.class, () -> read(body)).failure());
  }
}
