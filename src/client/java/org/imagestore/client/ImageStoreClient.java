package org.imagestore.client;

import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.util.Base64;
import java.util.stream.Stream;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * Every endpoint of imagestore, relative to the deployment's base URL (its context root included).
 * Build one with {@code RestClientBuilder.newBuilder().baseUri(...).build(ImageStoreClient.class)},
 * or inject it with {@code @Inject @RestClient} and set {@code imagestore/mp-rest/url}. Every error
 * answer is thrown as an {@link ImageStoreException}.
 */
@RegisterRestClient(configKey = "imagestore")
@RegisterProvider(ErrorMapper.class)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface ImageStoreClient {
  @POST
  @Path("api/save-image")
  SavedImage save(SaveImage request);

  /** Saves a PNG; {@code metadata} (the generation parameters) may be null. */
  default SavedImage save(byte[] png, JsonObject metadata) {
    return save(new SaveImage(Base64.getEncoder().encodeToString(png), metadata));
  }

  default SavedImage save(java.nio.file.Path png, JsonObject metadata) throws IOException {
    return save(Files.readAllBytes(png), metadata);
  }

  /** One page; the parameters left null are not sent. {@link #list(ImageQuery)} reads better. */
  @GET
  @Path("api/list-images")
  ImageList list(
      @QueryParam("limit") Integer limit,
      @QueryParam("offset") Integer offset,
      @QueryParam("cursor") String cursor,
      @QueryParam("q") String q,
      @QueryParam("model") String model,
      @QueryParam("source") String source,
      @QueryParam("since") String since,
      @QueryParam("until") String until);

  default ImageList list(ImageQuery query) {
    return list(
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
  default Stream<ImageEntry> stream(ImageQuery query) {
    return Pages.stream(this, query);
  }

  @DELETE
  @Path("api/delete-image/{filename}")
  Deleted delete(@PathParam("filename") String filename);

  @POST
  @Path("api/delete-images")
  BatchDeleted deleteImages(DeleteImages request);

  @GET
  @Path("api/storage-stats")
  StorageStats stats();

  @POST
  @Path("api/admin/reindex")
  Reconciliation reindex();

  /**
   * The image's bytes as they are on the wire: 200 with the body, or 304 when {@code ifNoneMatch}
   * (may be null) is its ETag. The caller closes the response.
   */
  @GET
  @Path("storage/images/{filename}")
  @Produces("image/png")
  Response image(
      @PathParam("filename") String filename, @HeaderParam("If-None-Match") String ifNoneMatch);

  /**
   * Writes the image to {@code out} unless {@code ifNoneMatch} is still its ETag (then nothing is
   * written), and says which, with the ETag to send next time.
   */
  default Download download(String filename, OutputStream out, String ifNoneMatch)
      throws IOException {
    try (Response response = image(filename, ifNoneMatch)) {
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
