package org.imagestore.recipe;

/**
 * The JSON string syntax of A1111's quoted values, which it writes with Python's {@code
 * json.dumps(ensure_ascii=False)} and reads with {@code json.loads}. Done by hand because the
 * content of one string is all there is to it. The list-images writer quotes its strings here too.
 */
public final class JsonString {
  private JsonString() {}

  /** The string between the quotes of a JSON string, decoded; null when it is not valid JSON. */
  static String decode(String content) {
    StringBuilder out = new StringBuilder(content.length());
    int n = content.length();
    for (int i = 0; i < n; i++) {
      char c = content.charAt(i);
      if (c == '"' || c < 0x20) {
        return null;
      }
      if (c != '\\') {
        out.append(c);
        continue;
      }
      if (++i >= n) {
        return null;
      }
      switch (content.charAt(i)) {
        case '"' -> out.append('"');
        case '\\' -> out.append('\\');
        case '/' -> out.append('/');
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case 'u' -> {
          if (i + 4 >= n) {
            return null;
          }
          int code = 0;
          for (int k = 1; k <= 4; k++) {
            // ASCII hex digits only, as JSON says: Character.digit takes other scripts' too.
            char h = content.charAt(i + k);
            int digit = h < 0x80 ? Character.digit(h, 16) : -1;
            if (digit < 0) {
              return null;
            }
            code = code * 16 + digit;
          }
          out.append((char) code);
          i += 4;
        }
        default -> {
          return null;
        }
      }
    }
    return out.toString();
  }

  /** {@code value} as a quoted JSON string, escaping only what JSON requires, as Python does. */
  public static String encode(String value) {
    StringBuilder out = new StringBuilder(value.length() + 2).append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
