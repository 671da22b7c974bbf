package org.imagestore.serving;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;
import org.imagestore.access.PrivateImages;
import org.imagestore.api.ErrorBody;
import org.imagestore.api.HttpStatus;
import org.imagestore.storage.ImageContent;
import org.imagestore.storage.ImageNames;
import org.imagestore.storage.ImageStore;
import org.imagestore.storage.ImageStoreException;

/**
 * Streams stored images and their derived copies: one linear flow for GET and HEAD (find the bytes,
 * preconditions, cache headers, 304, 416, 206 or 200) with a fixed buffer, never the whole file in
 * memory. A subclass says which stored image a path is about and where its bytes are; only names of
 * stored images are looked up at all, the store refuses anything else.
 */
abstract class StoredBytesServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  private static final int BUFFER_BYTES = 64 * 1024;

  /** What a path names: its bytes and their media type. */
  record Served(ImageContent content, String mediaType) {}

  @Inject transient ImageStore store;
  @Inject transient ServingConfig serving;
  @Inject transient PrivateImages privateImages;

  /**
   * The stored image a path (after the servlet's prefix) is about, checked by private images'
   * signatures before anything is opened or made.
   */
  abstract String imageName(String path);

  /**
   * Opens (or makes) what the path names.
   *
   * @throws ImageStoreException for a path that names nothing stored
   */
  abstract Served open(String path);

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    serve(request, response, true);
  }

  @Override
  protected void doHead(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    serve(request, response, false);
  }

  private void serve(HttpServletRequest request, HttpServletResponse response, boolean withBody)
      throws IOException {
    response.setHeader("X-Content-Type-Options", "nosniff");
    String path = path(request);
    Optional<String> refusal = signatureRefusal(imageName(path), request);
    if (refusal.isPresent()) {
      ErrorBody.send(response, HttpServletResponse.SC_FORBIDDEN, refusal.get());
      return;
    }
    Served served;
    try {
      served = open(path);
    } catch (ImageStoreException e) {
      ErrorBody.send(response, HttpStatus.of(e.failure()), e.getMessage());
      return;
    }
    ImageContent content = served.content();
    Validators validators = new Validators(content);
    if (!validators.preconditionsHold(request)) {
      ErrorBody.send(response, HttpServletResponse.SC_PRECONDITION_FAILED, "precondition failed");
      return;
    }
    response.setHeader("ETag", validators.etag());
    response.setDateHeader("Last-Modified", validators.lastModified());
    response.setHeader("Cache-Control", cacheControl(request));
    if (validators.notModified(request)) {
      response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
      return;
    }
    long size = content.size();
    Optional<ByteRange> requested =
        validators.rangeApplies(request)
            ? ByteRange.parse(request.getHeader("Range"), size)
            : Optional.empty();
    if (requested.isPresent() && !requested.get().satisfiable()) {
      response.setHeader("Content-Range", "bytes */" + size);
      ErrorBody.send(
          response,
          HttpServletResponse.SC_REQUESTED_RANGE_NOT_SATISFIABLE,
          "range not satisfiable");
      return;
    }
    if (withBody && redirect(content.name(), response)) {
      return;
    }
    response.setContentType(served.mediaType());
    if (withBody && serving.offload() != Offload.NONE) {
      // The front server sends the bytes, applies Range and If-Range to the file itself, and
      // says Accept-Ranges on its own.
      response.setHeader(serving.offload().header(), serving.offloadTarget(content.name()));
      return;
    }
    ByteRange range = requested.orElse(new ByteRange(0, size - 1));
    InputStream body =
        withBody ? openBody(content, range, response) : InputStream.nullInputStream();
    if (body == null) {
      return;
    }
    try (body) {
      response.setHeader("Accept-Ranges", "bytes");
      if (requested.isPresent()) {
        response.setStatus(HttpServletResponse.SC_PARTIAL_CONTENT);
        response.setHeader(
            "Content-Range", "bytes " + range.start() + "-" + range.end() + "/" + size);
      }
      response.setContentLengthLong(range.length());
      if (withBody) {
        copy(body, range, response.getOutputStream());
      }
    }
  }

  /**
   * With {@code imagestore.private-images}, why the URL does not open the image, if it does not.
   */
  private Optional<String> signatureRefusal(String imageName, HttpServletRequest request) {
    if (!privateImages.enabled()) {
      return Optional.empty();
    }
    return privateImages.refusal(
        imageName, request.getParameter("expires"), request.getParameter("sig"));
  }

  /**
   * Public images are cached by anyone for ever; a private one only by the browser that has its
   * signed URL, and no longer than that URL works.
   */
  private String cacheControl(HttpServletRequest request) {
    if (!privateImages.enabled()) {
      return store.cacheControl();
    }
    long left = privateImages.secondsLeft(Long.parseLong(request.getParameter("expires")));
    return "private, max-age=" + Math.min(left, store.config().cacheMaxAge());
  }

  /**
   * Opens the bytes before anything is committed, so that storage gone since the HEAD (down, or the
   * image deleted) is still the contract's JSON answer; null when that answer was sent.
   */
  private static InputStream openBody(
      ImageContent content, ByteRange range, HttpServletResponse response) throws IOException {
    try {
      return content.open(range.start(), range.length());
    } catch (ImageStoreException e) {
      response.reset();
      response.setHeader("X-Content-Type-Options", "nosniff");
      ErrorBody.send(response, HttpStatus.of(e.failure()), e.getMessage());
      return null;
    }
  }

  /**
   * Sends the client to the storage itself when the back end hands reads off: to the public base
   * URL if there is one (which holds the originals only), else to a short-lived presigned URL,
   * which must not be cached. The client repeats its Range there; what the service decided above
   * (404, 412, 304) still stands.
   */
  private boolean redirect(String objectName, HttpServletResponse response) {
    Optional<String> direct = store.directUrl(objectName);
    if (direct.isEmpty()) {
      return false;
    }
    Optional<String> stable =
        serving
            .publicBaseUrl()
            .filter(base -> ImageNames.isImageName(objectName))
            .map(base -> base + objectName);
    response.setStatus(HttpServletResponse.SC_FOUND);
    response.setHeader("Location", stable.orElse(direct.get()));
    if (stable.isEmpty()) {
      response.setHeader("Cache-Control", "no-store");
    }
    return true;
  }

  /** The decoded path after the prefix; the store decides whether it names a stored image. */
  private static String path(HttpServletRequest request) {
    String path = request.getPathInfo();
    return path == null || path.length() < 2 ? "" : path.substring(1);
  }

  private static void copy(InputStream in, ByteRange range, OutputStream out) throws IOException {
    byte[] buffer = new byte[BUFFER_BYTES];
    for (long left = range.length(); left > 0; ) {
      int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
      if (n < 0) {
        throw new EOFException("image shorter than its size");
      }
      out.write(buffer, 0, n);
      left -= n;
    }
  }
}
