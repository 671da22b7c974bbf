package org.imagestore.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;

/**
 * Requests written byte for byte, for what an HTTP client library would normalise or refuse: raw
 * {@code ..} segments, backslashes, truncated bodies.
 */
public final class RawHttp {
  /** Status line and body of a response. */
  public record Reply(int status, String text) {}

  private RawHttp() {}

  public static Reply send(URL server, String requestHead, byte[] body, boolean closeEarly) {
    try (Socket socket = new Socket(server.getHost(), server.getPort())) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(requestHead.getBytes(StandardCharsets.ISO_8859_1));
      out.write(body);
      out.flush();
      if (closeEarly) {
        socket.shutdownOutput();
      }
      InputStream in = socket.getInputStream();
      String text = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
      if (text.isEmpty()) {
        return new Reply(0, "");
      }
      int status = Integer.parseInt(text.substring(9, 12));
      return new Reply(status, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A request with the path exactly as given and the connection closed after it. */
  public static Reply request(URL server, String method, String rawPath) {
    String head =
        method
            + " "
            + rawPath
            + " HTTP/1.1\r\nHost: "
            + server.getHost()
            + "\r\nConnection: close\r\n\r\n";
    return send(server, head, new byte[0], false);
  }
}
