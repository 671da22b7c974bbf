package org.imagestore.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaTest {
  @Test
  void statementsEndAtASemicolonAtTheEndOfALineAndCommentLinesAreDropped() {
    assertEquals(
        List.of(
            "CREATE TABLE T (\n  A INTEGER,\n  B VARCHAR(9)\n)", "INSERT INTO T VALUES (1, 'a;b')"),
        Schema.statements(
            "-- a comment\nCREATE TABLE T (\n  A INTEGER,\n  B VARCHAR(9)\n);\n\n  -- another\n"
                + "INSERT INTO T VALUES (1, 'a;b');\n"));
  }

  @Test
  void everyVersionHasItsPortableScript() {
    for (int v = 1; v <= Schema.VERSIONS.size(); v++) {
      assertNotNull(Schema.class.getResource("schema/portable/V" + v + ".sql"), "V" + v);
    }
  }
}
