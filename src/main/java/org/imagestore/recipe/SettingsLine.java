package org.imagestore.recipe;

import java.util.ArrayList;
import java.util.List;

/**
 * The last line of an A1111 infotext, {@code Key: value, Key: "quoted, value", ...}: what A1111's
 * {@code re_param} finds in it, {@code \s*(\w[\w \-/]+):\s*("(?:\\.|[^\\"])+"|[^,]*)(?:,|$)}, with
 * its {@code findall} semantics and Python's Unicode {@code \w} and {@code \s}. Written as a
 * scanner rather than a {@link java.util.regex.Pattern} because Java's regex engine recurses once
 * per character of a quoted value (a long one overflows the stack) and would retry each start of a
 * long run of words without a colon (quadratic time); this takes linear time and no stack.
 */
final class SettingsLine {
  /** One match: the key and the value as written, still quoted if it was. */
  record Pair(String key, String raw) {}

  private SettingsLine() {}

  static List<Pair> find(String line) {
    List<Pair> pairs = new ArrayList<>();
    int n = line.length();
    int p = 0;
    while (p < n) {
      int key = p;
      while (key < n && isSpace(line.charAt(key))) {
        key++;
      }
      int colon = key;
      if (colon < n && isWord(line.charAt(colon))) {
        colon++;
        while (colon < n && isKeyChar(line.charAt(colon))) {
          colon++;
        }
      }
      if (colon - key < 2 || colon >= n || line.charAt(colon) != ':') {
        // Every start up to the end of this run of key characters fails the same way.
        p = Math.max(p + 1, colon);
        continue;
      }
      int value = colon + 1;
      while (value < n && isSpace(line.charAt(value))) {
        value++;
      }
      int end = quotedEnd(line, value);
      if (end < 0 || (end < n && line.charAt(end) != ',')) {
        end = line.indexOf(',', value);
        end = end < 0 ? n : end;
      }
      pairs.add(new Pair(line.substring(key, colon), line.substring(value, end)));
      p = end + 1;
    }
    return pairs;
  }

  /**
   * The value A1111 keeps: JSON-decoded when quoted and valid JSON, else as written; null when
   * empty, which A1111 drops (its {@code v[0]} fails on it).
   */
  static String unquote(String raw) {
    if (raw.isEmpty()) {
      return null;
    }
    if (raw.length() < 2 || raw.charAt(0) != '"' || raw.charAt(raw.length() - 1) != '"') {
      return raw;
    }
    String decoded = JsonString.decode(raw.substring(1, raw.length() - 1));
    return decoded == null ? raw : decoded;
  }

  /**
   * {@code value} as A1111 writes it, JSON-quoted when it holds what would end or change it
   * unquoted: A1111 quotes on {@code ,} {@code :} and newlines; quotes, backslashes, control
   * characters, surrounding spaces and the empty value are quoted here too, so that every value
   * reads back as it was.
   */
  static String quote(String value) {
    boolean plain =
        !value.isEmpty()
            && !isSpace(value.charAt(0))
            && !isSpace(value.charAt(value.length() - 1))
            && value.chars().noneMatch(c -> c < 0x20 || ",:\"\\".indexOf(c) >= 0);
    return plain ? value : JsonString.encode(value);
  }

  /** The index just past a quoted value starting at {@code at}, or -1 if there is none. */
  private static int quotedEnd(String line, int at) {
    int n = line.length();
    if (at >= n || line.charAt(at) != '"') {
      return -1;
    }
    int i = at + 1;
    while (i < n) {
      char c = line.charAt(i);
      // An empty "" is not quoted to re_param, but its plain reading unquotes to the same "".
      if (c == '"') {
        return i + 1;
      }
      // A backslash takes the next character, any but a newline, which a line does not hold.
      i += c == '\\' ? 2 : 1;
    }
    return -1;
  }

  /** Python's {@code str.isspace}, which {@code \s} and {@code str.strip} use. */
  static boolean isSpace(char c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u0085';
  }

  /** Python's {@code \w}: letters, digits, other numerals and the underscore. */
  private static boolean isWord(char c) {
    int type = Character.getType(c);
    return Character.isLetterOrDigit(c)
        || c == '_'
        || type == Character.LETTER_NUMBER
        || type == Character.OTHER_NUMBER;
  }

  private static boolean isKeyChar(char c) {
    return isWord(c) || c == ' ' || c == '-' || c == '/';
  }
}
