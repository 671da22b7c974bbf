package org.imagestore.api;

import static org.imagestore.storage.ImageStoreException.invalidInput;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code multipart/form-data} body (RFC 7578) read one part at a time as it streams in: each part
 * is a stream that ends at the next boundary, so a file part goes straight to its temp file and is
 * never held in memory. The servers' own multipart support is not used: its buffering differs
 * between them, and it needs a servlet declared for it.
 */
final class Multipart {
  /** A part: its form field name, and its content up to the next boundary. */
  record Part(String name, InputStream body) {}

  private static final int BUFFER_BYTES = 64 * 1024;
  private static final int MAX_LINE_BYTES = 8 * 1024;
  private static final int MAX_HEADER_LINES = 16;
  private static final Pattern BOUNDARY =
      Pattern.compile(
          "(?i);\\s*boundary\\s*=\\s*(?:\"([^\"]{1,70})\"|([^;\\s\"]{1,70}))(?=$|[;\\s])");

  /** One parameter of a header: {@code ; key=token} or {@code ; key="quoted \" text"}. */
  private static final Pattern PARAMETER =
      Pattern.compile(
          "\\s*;\\s*([^=;\\s]+)\\s*=\\s*(?:\"((?:[^\"\\\\]|\\\\.)*)\"|([^;\\s\"]*))\\s*");

  private final InputStream in;
  private final byte[] delimiter;
  private final byte[] buffer;
  private int start;
  private int end;
  private PartBody current;
  private boolean done;

  private Multipart(InputStream in, String boundary) {
    this.in = in;
    this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    this.buffer = new byte[BUFFER_BYTES];
    // The first boundary has no line break before it: one is put there, so every boundary is
    // found alike, and whatever precedes the first (the preamble) is a part that is skipped.
    buffer[0] = '\r';
    buffer[1] = '\n';
    end = 2;
    current = new PartBody();
  }

  /** Reads {@code body} as the multipart type {@code contentType} says, boundary and all. */
  static Multipart of(InputStream body, String contentType) {
    Matcher boundary = BOUNDARY.matcher(contentType == null ? "" : contentType);
    if (!boundary.find()) {
      throw invalidInput("multipart/form-data needs a boundary parameter");
    }
    return new Multipart(body, boundary.group(1) != null ? boundary.group(1) : boundary.group(2));
  }

  /** The next part, once the one before is skipped to its end; null after the last. */
  Part next() {
    current.skip();
    if (done) {
      return null;
    }
    if (!available(2)) {
      throw truncated();
    }
    if (buffer[start] == '-' && buffer[start + 1] == '-') {
      done = true;
      return null;
    }
    line(); // the rest of the boundary line: transport padding, if any
    String name = null;
    for (int lines = 0; ; lines++) {
      String header = line();
      if (header.isEmpty()) {
        break;
      }
      if (lines == MAX_HEADER_LINES) {
        throw invalidInput("a multipart part has too many header lines");
      }
      if (header.toLowerCase(Locale.ROOT).startsWith("content-disposition:")) {
        name = fieldName(header);
      }
    }
    current = new PartBody();
    return new Part(name, current);
  }

  /**
   * The {@code name} parameter of a {@code Content-Disposition} header, read one parameter after
   * another so that a quoted file name holding {@code ;name=} is not taken for it.
   */
  private static String fieldName(String header) {
    int semicolon = header.indexOf(';');
    if (semicolon < 0) {
      return null;
    }
    Matcher parameter = PARAMETER.matcher(header).region(semicolon, header.length());
    while (parameter.lookingAt()) {
      if (parameter.group(1).equalsIgnoreCase("name")) {
        return parameter.group(2) != null
            ? parameter.group(2).replaceAll("\\\\(.)", "$1")
            : parameter.group(3);
      }
      parameter.region(parameter.end(), header.length());
    }
    return null;
  }

  /** A header line, without its CRLF; the headers are UTF-8, as browsers send them. */
  private String line() {
    while (true) {
      for (int i = start; i + 1 < end; i++) {
        if (buffer[i] == '\r' && buffer[i + 1] == '\n') {
          if (i - start > MAX_LINE_BYTES) {
            throw tooLong();
          }
          String line = new String(buffer, start, i - start, StandardCharsets.UTF_8);
          start = i + 2;
          return line;
        }
      }
      if (end - start > MAX_LINE_BYTES) {
        throw tooLong();
      }
      if (!fill()) {
        throw truncated();
      }
    }
  }

  /** Whether {@code n} bytes are buffered, reading more if need be. */
  private boolean available(int n) {
    while (end - start < n) {
      if (!fill()) {
        return false;
      }
    }
    return true;
  }

  /** Moves what is left to the front and reads more after it; false at the end of the body. */
  private boolean fill() {
    System.arraycopy(buffer, start, buffer, 0, end - start);
    end -= start;
    start = 0;
    try {
      int n = in.read(buffer, end, buffer.length - end);
      if (n < 0) {
        return false;
      }
      end += n;
      return true;
    } catch (LimitedInputStream.LimitExceeded e) {
      throw e.refusal();
    } catch (IOException e) {
      throw invalidInput("the request body could not be read: " + e);
    }
  }

  /** Where the delimiter starts in the buffered bytes, or -1. */
  private int delimiterAt() {
    for (int i = start; i <= end - delimiter.length; i++) {
      int j = 0;
      while (j < delimiter.length && buffer[i + j] == delimiter[j]) {
        j++;
      }
      if (j == delimiter.length) {
        return i;
      }
    }
    return -1;
  }

  private static RuntimeException tooLong() {
    return invalidInput("a multipart header line is over " + MAX_LINE_BYTES + " bytes");
  }

  private static RuntimeException truncated() {
    return invalidInput("the multipart body ends before its closing boundary");
  }

  /** A part's bytes, up to the delimiter that ends it. */
  private final class PartBody extends InputStream {
    private boolean ended;

    @Override
    public int read() {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] into, int offset, int length) {
      while (!ended) {
        int at = delimiterAt();
        // Bytes before a delimiter, or before where one could begin, are the part's.
        int safe = at >= 0 ? at : end - delimiter.length + 1;
        if (safe > start) {
          int n = Math.min(length, safe - start);
          System.arraycopy(buffer, start, into, offset, n);
          start += n;
          return n;
        }
        if (at >= 0) {
          start += delimiter.length;
          ended = true;
        } else if (!fill()) {
          throw truncated();
        }
      }
      return -1;
    }

    void skip() {
      byte[] scratch = new byte[BUFFER_BYTES];
      while (read(scratch, 0, scratch.length) >= 0) {
        // discarded: a field this service does not take
      }
    }
  }
}
