package org.imagestore;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Random edits of a valid input: insert, delete, replace a character, or cut the text. */
public final class Mutations {
  private Mutations() {}

  /**
   * Each valid input with 1 to {@code maxEdits} edits, each inserting, deleting or replacing the
   * character at a random position, or cutting the text there; inserted and replacing characters
   * come from {@code chars}.
   */
  public static Arbitrary<String> mutated(
      Arbitrary<String> valid, Arbitrary<Character> chars, int maxEdits) {
    return mutated(valid, chars, maxEdits, 3);
  }

  /** Like {@link #mutated}, but never cutting: only inserting, deleting or replacing characters. */
  public static Arbitrary<String> mutatedWithoutCuts(
      Arbitrary<String> valid, Arbitrary<Character> chars, int maxEdits) {
    return mutated(valid, chars, maxEdits, 2);
  }

  private static Arbitrary<String> mutated(
      Arbitrary<String> valid, Arbitrary<Character> chars, int maxEdits, int lastKind) {
    Arbitrary<Edit> edit =
        Combinators.combine(
                Arbitraries.integers().between(0, lastKind),
                Arbitraries.integers().greaterOrEqual(0),
                chars)
            .as(Edit::new);
    return Combinators.combine(valid, edit.list().ofMinSize(1).ofMaxSize(maxEdits))
        .as(Mutations::apply);
  }

  /** Kind 0 inserts {@code c}, 1 deletes, 2 replaces with {@code c}, 3 cuts the text. */
  private record Edit(int kind, int position, char c) {}

  private static String apply(String text, List<Edit> edits) {
    StringBuilder s = new StringBuilder(text);
    for (Edit e : edits) {
      int at = e.position() % (s.length() + 1);
      switch (e.kind()) {
        case 0 -> s.insert(at, e.c());
        case 1 -> {
          if (at < s.length()) {
            s.deleteCharAt(at);
          }
        }
        case 2 -> {
          if (at < s.length()) {
            s.setCharAt(at, e.c());
          }
        }
        default -> s.setLength(at);
      }
    }
    return s.toString();
  }
}
