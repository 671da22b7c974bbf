package org.imagestore.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import java.time.Instant;
import java.time.ZoneId;
import org.imagestore.storage.Failure;
import org.imagestore.storage.ImageQuery;
import org.imagestore.storage.ImageStoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ListParamsTest {
  private static final ZoneId UTC = ZoneId.of("UTC");

  private static MultivaluedMap<String, String> params(String... pairs) {
    MultivaluedMap<String, String> map = new MultivaluedHashMap<>();
    for (String pair : pairs) {
      String[] kv = pair.split("=", 2);
      map.add(kv[0], kv[1]);
    }
    return map;
  }

  @Test
  void defaults() {
    ImageQuery query = ListParams.parse(params(), UTC);
    assertEquals(new ImageQuery(100, 0, null, null, null, null, null, null), query);
  }

  @Test
  void everyFilter() {
    ImageQuery query =
        ListParams.parse(
            params(
                "limit=1000",
                "offset=20",
                "q=Fox",
                "model=sdxl",
                "source=manual",
                "since=2025-10-01",
                "until=2025-10-31"),
            UTC);
    assertEquals(
        new ImageQuery(
            1000,
            20,
            null,
            "Fox",
            "sdxl",
            "manual",
            Instant.parse("2025-10-01T00:00:00Z"),
            Instant.parse("2025-11-01T00:00:00Z")),
        query);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "limit=0",
        "limit=1001",
        "limit=ten",
        "limit=\uff11",
        "limit=+5",
        "offset=99999999999",
        "offset=-1",
        "since=soon",
        "until=2025-02-30",
        "cursor=not-a-cursor",
        "cursor=MTIzL2V0Yy9wYXNzd2Q"
      })
  void badValues(String pair) {
    ImageStoreException e =
        assertThrows(ImageStoreException.class, () -> ListParams.parse(params(pair), UTC));
    assertEquals(Failure.INVALID_INPUT, e.failure());
    assertTrue(e.getMessage().startsWith(pair.split("=")[0]), e.getMessage());
  }

  @Test
  void aCursorFromAnAnswerIsReadAndExcludesAnOffset() {
    var cursor = new ImageQuery.Cursor(42, "generated_20251029_101530.png");
    assertEquals(cursor, ListParams.parse(params("cursor=" + cursor.token()), UTC).cursor());
    ImageStoreException both =
        assertThrows(
            ImageStoreException.class,
            () -> ListParams.parse(params("cursor=" + cursor.token(), "offset=50"), UTC));
    assertTrue(both.getMessage().contains("not both"), both.getMessage());
  }

  @Test
  void overLongTextsAre400ButTheLimitItselfPasses() {
    String q = "x".repeat(ListParams.MAX_Q_CHARS);
    assertEquals(q, ListParams.parse(params("q=" + q), UTC).q());
    for (String pair :
        new String[] {
          "q=" + q + "x",
          "model=" + "m".repeat(ListParams.MAX_MATCH_CHARS + 1),
          "source=" + "s".repeat(ListParams.MAX_MATCH_CHARS + 1)
        }) {
      ImageStoreException e =
          assertThrows(ImageStoreException.class, () -> ListParams.parse(params(pair), UTC));
      assertTrue(e.getMessage().contains("is over"), e.getMessage());
    }
  }

  @Test
  void unknownAndRepeatedParameters() {
    ImageStoreException unknown =
        assertThrows(ImageStoreException.class, () -> ListParams.parse(params("colour=red"), UTC));
    assertTrue(unknown.getMessage().contains("colour"));
    assertThrows(
        ImageStoreException.class, () -> ListParams.parse(params("limit=5", "limit=6"), UTC));
  }
}
