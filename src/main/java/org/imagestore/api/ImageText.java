package org.imagestore.api;

import static org.imagestore.storage.ImageStoreException.invalidInput;

import java.nio.ByteBuffer;
import java.util.Locale;
import org.imagestore.storage.Failure;
import org.imagestore.storage.ImageStoreException;

/**
 * The characters of save-image's {@code image} as they arrive: whitespace skipped, an optional
 * {@code data:image/png;base64,} prefix checked, the rest handed to the base64 decoder. A refusal
 * waits for {@link #finish()}, after the whole body has been read, so that a body that is not JSON
 * is a 400 whatever its image says; the text after a refusal is dropped, not decoded.
 */
final class ImageText implements JsonMembers.CharSink {
  private static final String DATA_URL = "data:";
  private static final String PNG_DATA_URL = "data:image/png;base64,";

  /** Longer than any data URL header worth reading before its comma. */
  private static final int MAX_HEADER_CHARS = 64;

  private final Base64Decoder decoder;
  private final StringBuilder start = new StringBuilder();
  private boolean decoding;
  private ImageStoreException refused;

  ImageText(Base64Decoder decoder) {
    this.decoder = decoder;
  }

  @Override
  public void accept(char c) {
    if (refused != null || Character.isWhitespace(c)) {
      return;
    }
    try {
      if (decoding) {
        decoder.accept(c);
        return;
      }
      start.append(c);
      if (!isDataUrlSoFar()) {
        startDecoding(start);
      } else if (c == ',' || start.length() == MAX_HEADER_CHARS) {
        checkHeader();
        startDecoding("");
      }
    } catch (ImageStoreException e) {
      refused = e;
    }
  }

  /**
   * Once decoding, the base64 alphabet goes to the decoder in bulk; it stops at any other character
   * (a quote, a backslash and control characters are none of it), which then comes one by one.
   */
  @Override
  public int acceptPlain(char[] chars, int from, int to) {
    if (decoding && refused == null) {
      return decoder.acceptRun(chars, from, to);
    }
    return JsonMembers.CharSink.super.acceptPlain(chars, from, to);
  }

  /** The decoded image, once the body has ended. */
  ByteBuffer finish() {
    if (refused != null) {
      throw refused;
    }
    if (!decoding) {
      if (start.length() >= DATA_URL.length()) {
        checkHeader();
      }
      startDecoding(start);
    }
    if (decoder.isEmpty()) {
      throw invalidInput("image is empty");
    }
    return decoder.finish();
  }

  private boolean isDataUrlSoFar() {
    int n = Math.min(start.length(), DATA_URL.length());
    return DATA_URL.regionMatches(true, 0, start.substring(0, n), 0, n);
  }

  private void checkHeader() {
    String header = start.toString().toLowerCase(Locale.ROOT);
    if (!header.startsWith("data:image/png")) {
      throw new ImageStoreException(Failure.UNSUPPORTED_MEDIA, "only PNG images are accepted");
    }
    if (!header.equals(PNG_DATA_URL)) {
      throw invalidInput("the data URL must be data:image/png;base64,");
    }
  }

  private void startDecoding(CharSequence pending) {
    decoding = true;
    for (int i = 0; i < pending.length(); i++) {
      decoder.accept(pending.charAt(i));
    }
    start.setLength(0);
  }
}
