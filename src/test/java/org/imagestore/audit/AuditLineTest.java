package org.imagestore.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class AuditLineTest {
  @Test
  void aLineIsOneJsonObjectWithEveryKeyAndTheOutcome() {
    assertEquals(
        "{\"action\":\"save\",\"status\":201,\"outcome\":\"ok\","
            + "\"name\":\"generated_20251029_101530.png\",\"owner\":\"alice\","
            + "\"client\":\"10.0.0.7\","
            + "\"forwarded_for\":null}",
        new AuditLine("save", 201, "generated_20251029_101530.png", "alice", "10.0.0.7", null)
            .toJson());
    assertEquals(
        "{\"action\":\"delete\",\"status\":404,\"outcome\":\"refused\",\"name\":null,"
            + "\"owner\":null,\"client\":\"::1\",\"forwarded_for\":\"203.0.113.9\"}",
        new AuditLine("delete", 404, null, null, "::1", "203.0.113.9").toJson());
  }

  @Test
  void whatAClientSendsCannotBreakTheLine() {
    String json = new AuditLine("delete", 500, "a\"b\nc", "o\nwner", "x", "\"}\n{").toJson();
    assertEquals(-1, json.indexOf('\n'), json);
    assertEquals(
        "{\"action\":\"delete\",\"status\":500,\"outcome\":\"failed\",\"name\":\"a\\\"b\\nc\","
            + "\"owner\":\"o\\nwner\",\"client\":\"x\",\"forwarded_for\":\"\\\"}\\n{\"}",
        json);
  }
}
