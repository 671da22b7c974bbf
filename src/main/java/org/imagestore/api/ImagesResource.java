package org.imagestore.api;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import org.imagestore.access.Caller;
import org.imagestore.access.PrivateImages;
import org.imagestore.audit.Audited;
import org.imagestore.derived.DerivedConfig;
import org.imagestore.serving.ServingConfig;
import org.imagestore.storage.Failure;
import org.imagestore.storage.ImagePage;
import org.imagestore.storage.ImageStore;
import org.imagestore.storage.ImageStoreException;
import org.imagestore.storage.StoredImage;
import org.imagestore.storage.Timestamps;

/**
 * The seed's three endpoints: save-image, list-images and delete-image; with auth on, each in the
 * caller's scope (their own images, or every image for an admin).
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class ImagesResource {
  @Inject ImageStore store;
  @Inject ServingConfig serving;
  @Inject SaveBudget budget;
  @Inject PrivateImages privateImages;
  @Inject DerivedConfig derived;

  @Context HttpServletRequest request;

  @Context UriInfo uriInfo;

  @POST
  @Path("save-image")
  @Audited("save")
  public Response save(InputStream body) {
    long maxImageBytes = store.config().maxImageBytes();
    long bodyBytes = request.getContentLengthLong();
    if (bodyBytes > SaveRequest.maxBodyBytes(maxImageBytes)) {
      throw new ImageStoreException(
          Failure.TOO_LARGE,
          "the request body is over the limit for a " + maxImageBytes + "-byte image");
    }
    StoredImage image;
    try (var reserved = budget.reserve(SaveRequest.memoryBytes(bodyBytes, maxImageBytes))) {
      SaveRequest save = SaveRequest.read(body, maxImageBytes, bodyBytes);
      image = store.save(save.png(), save.metadata(), Caller.of(request).owner());
    }
    ImageUrls urls = new ImageUrls(request, serving, privateImages, derived);
    SavedImage saved =
        new SavedImage(
            true,
            image.filename(),
            urls.path(image.filename()),
            urls.thumbnail(image.filename()),
            Timestamps.format(image.createdAt()),
            image.size(),
            image.width(),
            image.height(),
            store.config().exposePath() ? store.locationOf(image.filename()) : null);
    return Response.created(urls.absolute(image.filename())).entity(saved).build();
  }

  @GET
  @Path("list-images")
  public ImageList list() {
    var query = ListParams.parse(uriInfo.getQueryParameters(), store.config().zone());
    ImagePage page = store.list(query, Caller.of(request).scope());
    ImageUrls urls = new ImageUrls(request, serving, privateImages, derived);
    return new ImageList(
        page.images().stream().map(image -> ImageView.of(image, urls)).toList(),
        page.count(),
        query.limit(),
        query.offset(),
        page.next() == null ? null : page.next().token());
  }

  @DELETE
  @Path("delete-image/{filename}")
  @Audited("delete")
  public Deleted delete(@PathParam("filename") String filename) {
    store.delete(filename, Caller.of(request).scope());
    return new Deleted(true, filename);
  }
}
