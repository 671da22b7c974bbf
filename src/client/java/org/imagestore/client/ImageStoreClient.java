package org.imagestore.client;

import jakarta.json.JsonObject;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.stream.Stream;
import org.eclipse.microprofile.rest.client.RestClientBuilder;

/**
 * What a chat back end calls: every endpoint of {@link ImageStoreApi}, plus saves from bytes or a
 * file, every page of a query as one stream, and downloads with the ETag. Thread-safe; build one
 * per service and share it.
 */
public final class ImageStoreClient {
  private final ImageStoreApi api;

  /** Over an injected or specially built {@link ImageStoreApi}. */
  public ImageStoreClient(ImageStoreApi api) {
    this.api = api;
  }

  /** A client for the deployment at {@code base} (its context root included), in Java SE. */
  public static ImageStoreClient connect(URI base) {
    return new ImageStoreClient(
        RestClientBuilder.newBuilder().baseUri(base).build(ImageStoreApi.class));
  }

  /** The same, sending an API key or a JWT with every call ({@code imagestore.auth} on). */
  public static ImageStoreClient connect(URI base, String bearerToken) {
    return new ImageStoreClient(
        RestClientBuilder.newBuilder()
            .baseUri(base)
            .register(new BearerToken(bearerToken))
            .build(ImageStoreApi.class));
  }

  public ImageStoreApi api() {
    return api;
  }

  public SavedImage save(SaveImage request) {
    return api.save(request);
  }

  /** Saves a PNG; {@code metadata} (the generation parameters) may be null. */
  public SavedImage save(byte[] png, JsonObject metadata) {
    return api.save(new SaveImage(Base64.getEncoder().encodeToString(png), metadata));
  }

  public SavedImage save(Path png, JsonObject metadata) throws IOException {
    return save(Files.readAllBytes(png), metadata);
  }

  public ImageList list(ImageQuery query) {
    return api.list(
        query.limit(),
        query.offset(),
        query.cursor(),
        query.q(),
        query.model(),
        query.source(),
        query.since(),
        query.until());
  }

  /**
   * Every image that matches, newest first, fetched a page at a time as the stream is read. Pages
   * after the first follow {@code next_cursor}, so saves and deletes meanwhile neither repeat nor
   * skip an image.
   */
  public Stream<ImageEntry> stream(ImageQuery query) {
    return Pages.stream(this, query);
  }

  public Deleted delete(String filename) {
    return api.delete(filename);
  }

  public BatchDeleted deleteImages(DeleteImages request) {
    return api.deleteImages(request);
  }

  public StorageStats stats() {
    return api.stats();
  }

  public Reconciliation reindex() {
    return api.reindex();
  }

  /** The image as it is on the wire (see {@link ImageStoreApi#image}); the caller closes it. */
  public Response image(String filename, String ifNoneMatch) {
    return api.image(filename, ifNoneMatch);
  }

  /**
   * Writes the image to {@code out} unless {@code ifNoneMatch} is still its ETag (then nothing is
   * written), and says which, with the ETag to send next time.
   */
  public Download download(String filename, OutputStream out, String ifNoneMatch)
      throws IOException {
    try (Response response = api.image(filename, ifNoneMatch)) {
      String etag = response.getHeaderString("ETag");
      if (response.getStatus() == Response.Status.NOT_MODIFIED.getStatusCode()) {
        return new Download(etag, false, 0);
      }
      if (response.getStatus() != Response.Status.OK.getStatusCode()) {
        // A 302 of imagestore.s3.serve=redirect, when the client does not follow redirects.
        throw new ImageStoreException(response.getStatus(), "not the image's bytes", null);
      }
      try (InputStream body = response.readEntity(InputStream.class)) {
        return new Download(etag, true, body.transferTo(out));
      }
    }
  }
}
