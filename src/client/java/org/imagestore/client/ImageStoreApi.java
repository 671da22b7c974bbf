package org.imagestore.client;

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
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * Every endpoint of imagestore as a MicroProfile Rest Client interface, relative to the
 * deployment's base URL (its context root included); every error answer is thrown as an {@link
 * ImageStoreException}. Inject it with {@code @Inject @RestClient} and the key {@code
 * imagestore/mp-rest/url}, or build it with {@code RestClientBuilder}; {@link ImageStoreClient}
 * wraps it with the conveniences. It has no default methods: Payara's Rest Client (Jersey) fails to
 * call them.
 */
@RegisterRestClient(configKey = "imagestore")
@RegisterProvider(ErrorMapper.class)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface ImageStoreApi {
  @POST
  @Path("api/save-image")
  SavedImage save(SaveImage request);

  /** One page; the parameters left null are not sent. */
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
   * The image as it is on the wire: 200 with the bytes, or 304 when {@code ifNoneMatch} (may be
   * null) is its ETag. The caller closes the response.
   */
  @GET
  @Path("storage/images/{filename}")
  @Produces("image/png")
  Response image(
      @PathParam("filename") String filename, @HeaderParam("If-None-Match") String ifNoneMatch);
}
