package org.imagestore.api;

import static org.imagestore.storage.ImageStoreException.invalidInput;

import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import org.imagestore.storage.Failure;
import org.imagestore.storage.ImageStoreException;
import org.imagestore.storage.JsonText;

/**
 * A JSON object read from a stream one member at a time. A JSON-P reader holds every string whole,
 * several times over while it grows its buffers; here one string value (the image) can be consumed
 * character by character as it arrives. Every other value is held as text up to a bound and then
 * parsed by JSON-P. Malformed JSON is {@link Failure#INVALID_INPUT}, a body over the stream's limit
 * {@link Failure#TOO_LARGE}.
 */
final class JsonMembers {
  /** Receives a string value's characters, escapes resolved. */
  interface CharSink {
    void accept(char c);

    /**
     * Takes characters of the string from {@code from} on, at most to {@code to}, as long as they
     * need no escape (a quote, a backslash or a control character ends the string's plain text), or
     * for as long as it likes; a sink may take them faster than one by one.
     *
     * @return where it stopped: the character there comes to {@link #accept(char)}, if plain
     */
    default int acceptPlain(char[] chars, int from, int to) {
      int i = from;
      for (; i < to && plain(chars[i]); i++) {
        accept(chars[i]);
      }
      return i;
    }
  }

  private static final int MAX_NAME_CHARS = 256;

  private final Reader in;
  private final char[] buffer = new char[8192];
  private int position;
  private int end;
  private boolean first = true;

  JsonMembers(InputStream body) {
    in = new InputStreamReader(body, StandardCharsets.UTF_8);
    if (nextNonWhitespace() != '{') {
      throw invalidInput("the body must be a JSON object");
    }
  }

  /** The next member's name, or null once the object and the body have ended. */
  String nextName() {
    int c = nextNonWhitespace();
    if (c == '}') {
      if (nextNonWhitespace() >= 0) {
        throw syntax();
      }
      return null;
    }
    if (!first) {
      if (c != ',') {
        throw syntax();
      }
      c = nextNonWhitespace();
    }
    first = false;
    if (c != '"') {
      throw syntax();
    }
    StringBuilder name = new StringBuilder();
    stringBody(
        ch -> {
          if (name.length() == MAX_NAME_CHARS) {
            throw invalidInput("a field name is over " + MAX_NAME_CHARS + " characters");
          }
          name.append(ch);
        });
    if (nextNonWhitespace() != ':') {
      throw syntax();
    }
    return name.toString();
  }

  /** Whether the value after the current name is a string. */
  boolean stringFollows() {
    int c = nextNonWhitespace();
    position -= c < 0 ? 0 : 1;
    return c == '"';
  }

  /** Streams the string value after the current name to {@code sink}. */
  void string(CharSink sink) {
    if (nextNonWhitespace() != '"') {
      throw syntax();
    }
    stringBody(sink);
  }

  /**
   * The value after the current name, parsed by JSON-P once its text is known to be at most {@code
   * maxChars} long and nested at most {@code maxDepth} deep.
   */
  JsonValue value(String field, int maxChars, int maxDepth) {
    Text text = new Text(field, maxChars);
    int depth = 0;
    for (int c = nextNonWhitespace(); ; c = read()) {
      if (c < 0) {
        throw syntax();
      }
      text.append(c);
      if (c == '"') {
        rawStringBody(text);
      } else if (c == '{' || c == '[') {
        if (++depth > maxDepth) {
          throw invalidInput(field + " is nested deeper than " + maxDepth + " levels");
        }
      } else if (c == '}' || c == ']') {
        depth--;
      } else if (depth == 0 && primitiveContinues()) {
        continue;
      }
      if (depth <= 0) {
        break;
      }
    }
    return parse(text.toString());
  }

  /**
   * One JSON value's text, parsed, and nothing after it: JSON-P's {@code readValue()} would ignore
   * what follows a value ({@code 1x}, {@code {} junk}).
   */
  static JsonValue parse(String text) {
    try (JsonParser parser = JsonText.PROVIDER.createParser(new StringReader(text))) {
      if (!parser.hasNext()) {
        throw syntax();
      }
      parser.next();
      JsonValue value = parser.getValue();
      if (parser.hasNext()) {
        throw syntax();
      }
      return value;
    } catch (ImageStoreException e) {
      throw e;
    } catch (RuntimeException e) {
      // Client text only: besides JsonException, Parsson throws NumberFormatException for
      // 1e2147483648 and a plain RuntimeException for nesting past its depth limit.
      throw syntax();
    }
  }

  /** A value's text as written, refused once it grows past its bound. */
  private static final class Text {
    private final StringBuilder chars = new StringBuilder();
    private final String field;
    private final int maxChars;

    Text(String field, int maxChars) {
      this.field = field;
      this.maxChars = maxChars;
    }

    void append(int c) {
      if (chars.length() == maxChars) {
        throw new ImageStoreException(
            Failure.TOO_LARGE, field + " is over " + maxChars + " characters as JSON");
      }
      chars.append((char) c);
    }

    @Override
    public String toString() {
      return chars.toString();
    }
  }

  /** In a number or literal at the top of a value: whether its next character belongs to it. */
  private boolean primitiveContinues() {
    int next = read();
    position -= next < 0 ? 0 : 1;
    return next >= 0 && next != ',' && next != '}' && next != ']' && !isWhitespace(next);
  }

  /**
   * A string's characters after its opening quote, escapes resolved, up to its closing quote. What
   * needs no escape goes to the sink as runs of the buffer: a save's image is millions of them.
   */
  private void stringBody(CharSink sink) {
    while (true) {
      if (position < end) {
        int stop = sink.acceptPlain(buffer, position, end);
        if (stop > position) {
          position = stop;
          continue;
        }
      }
      int c = read();
      if (c == '"') {
        return;
      }
      if (c < 0x20) {
        throw syntax();
      }
      sink.accept(c == '\\' ? escaped() : (char) c);
    }
  }

  static boolean plain(char c) {
    return c != '"' && c != '\\' && c >= 0x20;
  }

  /** The same, copied as written, closing quote included. */
  private void rawStringBody(Text text) {
    for (int c = read(); c != '"'; c = read()) {
      if (c < 0x20) {
        throw syntax();
      }
      text.append(c);
      if (c == '\\') {
        int next = read();
        if (next < 0) {
          throw syntax();
        }
        text.append(next);
      }
    }
    text.append('"');
  }

  private char escaped() {
    int c = read();
    return switch (c) {
      case '"', '\\', '/' -> (char) c;
      case 'b' -> '\b';
      case 'f' -> '\f';
      case 'n' -> '\n';
      case 'r' -> '\r';
      case 't' -> '\t';
      case 'u' -> (char) (hex() << 12 | hex() << 8 | hex() << 4 | hex());
      default -> throw syntax();
    };
  }

  /** One hex digit of a {@code \\u} escape: ASCII only, as JSON has it. */
  private int hex() {
    int c = read();
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')) {
      return (c | 0x20) - 'a' + 10;
    }
    throw syntax();
  }

  private int nextNonWhitespace() {
    int c;
    do {
      c = read();
    } while (isWhitespace(c));
    return c;
  }

  private static boolean isWhitespace(int c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
  }

  /** The next character, or -1 at the end of the body. */
  private int read() {
    if (position == end) {
      try {
        int n = in.read(buffer);
        if (n < 0) {
          return -1;
        }
        position = 0;
        end = n;
      } catch (LimitedInputStream.LimitExceeded e) {
        throw e.refusal();
      } catch (IOException e) {
        throw invalidInput("the body could not be read to its end");
      }
    }
    return buffer[position++];
  }

  private static ImageStoreException syntax() {
    return invalidInput("the body is not valid JSON");
  }
}
