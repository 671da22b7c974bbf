package org.imagestore.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.imagestore.storage.Failure;
import org.imagestore.storage.ImageStoreException;
import org.junit.jupiter.api.Test;

class MultipartTest {
  private static final String BOUNDARY = "XyZ-boundary";

  @Test
  void readsEachPartUpToItsBoundaryWhereverTheReadsSplitIt() throws IOException {
    byte[] file = new byte[300_000];
    new Random(3).nextBytes(file);
    // Bytes that look like a boundary's start, inside the file: CR LF - - X.
    System.arraycopy("\r\n--XyZ".getBytes(StandardCharsets.ISO_8859_1), 0, file, 1000, 7);
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(ascii("preamble to skip\r\n--" + BOUNDARY + "\r\n"));
    body.writeBytes(ascii("Content-Disposition: form-data; name=\"metadata\"\r\n\r\n"));
    body.writeBytes("{\"prompt\":\"mèo\"}".getBytes(StandardCharsets.UTF_8));
    body.writeBytes(ascii("\r\n--" + BOUNDARY + "\r\n"));
    body.writeBytes(
        ascii(
            "content-disposition: form-data; filename=\"x;name=y.png\"; name=image\r\n"
                + "Content-Type: image/png\r\n\r\n"));
    body.writeBytes(file);
    body.writeBytes(ascii("\r\n--" + BOUNDARY + "--\r\nepilogue"));

    Multipart form =
        Multipart.of(
            trickle(body.toByteArray()), "multipart/form-data; boundary=\"" + BOUNDARY + "\"");
    Multipart.Part metadata = form.next();
    assertEquals("metadata", metadata.name());
    assertEquals(
        "{\"prompt\":\"mèo\"}", new String(metadata.body().readAllBytes(), StandardCharsets.UTF_8));
    Multipart.Part image = form.next();
    assertEquals("image", image.name());
    assertArrayEquals(file, image.body().readAllBytes());
    assertNull(form.next());
  }

  @Test
  void anUnreadPartIsSkipped() throws IOException {
    byte[] body =
        ascii(
            "--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nskipped\r\n"
                + "--b\r\nContent-Disposition: form-data; name=\"b\"\r\n\r\nread\r\n--b--");
    Multipart form =
        Multipart.of(new ByteArrayInputStream(body), "multipart/form-data; boundary=b");
    assertEquals("a", form.next().name());
    Multipart.Part b = form.next();
    assertEquals("read", new String(b.body().readAllBytes(), StandardCharsets.US_ASCII));
    assertNull(form.next());
  }

  @Test
  void aBodyWithoutItsClosingBoundaryIsInvalid() {
    byte[] body = ascii("--b\r\nContent-Disposition: form-data; name=\"image\"\r\n\r\nPNG...");
    Multipart form =
        Multipart.of(new ByteArrayInputStream(body), "multipart/form-data; boundary=b");
    Multipart.Part image = form.next();
    ImageStoreException e =
        assertThrows(ImageStoreException.class, () -> image.body().readAllBytes());
    assertEquals(Failure.INVALID_INPUT, e.failure());
  }

  @Test
  void aTypeWithoutABoundaryIsInvalid() {
    ImageStoreException e =
        assertThrows(
            ImageStoreException.class,
            () -> Multipart.of(new ByteArrayInputStream(new byte[0]), "multipart/form-data"));
    assertEquals(Failure.INVALID_INPUT, e.failure());
  }

  @Test
  void aBoundaryOverSeventyCharactersIsRefusedNotCut() {
    String type = "multipart/form-data; boundary=" + "b".repeat(71);
    ImageStoreException e =
        assertThrows(
            ImageStoreException.class,
            () -> Multipart.of(new ByteArrayInputStream(new byte[0]), type));
    assertEquals(Failure.INVALID_INPUT, e.failure());
  }

  @Test
  void headerLinesAreBounded() {
    byte[] body = ascii("--b\r\nX-Long: " + "x".repeat(10_000) + "\r\n\r\nbody\r\n--b--");
    Multipart form =
        Multipart.of(new ByteArrayInputStream(body), "multipart/form-data; boundary=b");
    assertEquals(
        Failure.INVALID_INPUT, assertThrows(ImageStoreException.class, form::next).failure());
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** A stream that gives at most 7 bytes a read, as a slow network might. */
  private static InputStream trickle(byte[] bytes) {
    return new ByteArrayInputStream(bytes) {
      @Override
      public synchronized int read(byte[] b, int off, int len) {
        return super.read(b, off, Math.min(len, 7));
      }
    };
  }
}
