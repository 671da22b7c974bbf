package org.imagestore.api;

import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
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
import org.imagestore.storage.SaveOutcome;
import org.imagestore.storage.StoredImage;

/**
 * The seed's three endpoints: save-image (as JSON, a raw PNG or a form), list-images and
 * delete-image; with auth on, each in the caller's scope (their own images, or every image for an
 * admin).
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

  /** The JSON form: base64 image and metadata in one JSON object, whatever the Content-Type. */
  @POST
  @Path("save-image")
  @Audited("save")
  public Response save(InputStream body) {
    long maxImageBytes = store.config().maxImageBytes();
    long bodyBytes = request.getContentLengthLong();
    if (bodyBytes > SaveRequest.maxBodyBytes(maxImageBytes)) {
      throw tooLarge(maxImageBytes);
    }
    try (var reserved = budget.reserve(SaveRequest.memoryBytes(bodyBytes, maxImageBytes))) {
      SaveRequest save = SaveRequest.read(body, maxImageBytes, bodyBytes);
      return answer(store.save(save.png(), save.metadata(), Caller.of(request).owner()));
    }
  }

  /** The raw PNG as the body, its metadata as JSON in a header: no base64 on the wire. */
  @POST
  @Path("save-image")
  @Consumes("image/png")
  @Audited("save")
  public Response saveRaw(InputStream body, @HeaderParam("X-Image-Metadata") String metadata) {
    JsonObject meta = SaveRequest.metadataHeader(metadata);
    long maxImageBytes = store.config().maxImageBytes();
    if (request.getContentLengthLong() > maxImageBytes) {
      throw tooLarge(maxImageBytes);
    }
    try (Upload upload = Upload.create(store.config().uploadDir())) {
      upload.write(new LimitedInputStream(body, maxImageBytes), maxImageBytes);
      return save(upload, meta);
    }
  }

  /** A browser form: an {@code image} file part and an optional {@code metadata} JSON part. */
  @POST
  @Path("save-image")
  @Consumes(MediaType.MULTIPART_FORM_DATA)
  @Audited("save")
  public Response saveForm(InputStream body) {
    long maxImageBytes = store.config().maxImageBytes();
    if (request.getContentLengthLong() > SaveRequest.maxBodyBytes(maxImageBytes)) {
      throw tooLarge(maxImageBytes);
    }
    var limited = new LimitedInputStream(body, SaveRequest.maxBodyBytes(maxImageBytes));
    try (Upload upload = Upload.create(store.config().uploadDir())) {
      JsonObject metadata =
          SaveForm.read(Multipart.of(limited, request.getContentType()), upload, maxImageBytes);
      return save(upload, metadata);
    }
  }

  private Response save(Upload upload, JsonObject metadata) {
    try (var reserved = budget.reserve(upload.memoryBytes(store.config().recompressLossless()))) {
      return answer(store.save(upload.bytes(), metadata, Caller.of(request).owner()));
    }
  }

  /** 201 with the new image, or 200 with the one already stored when dedup found it. */
  private Response answer(SaveOutcome outcome) {
    StoredImage image = outcome.image();
    ImageUrls urls = new ImageUrls(request, serving, privateImages, derived);
    SavedImage saved = SavedImage.of(outcome, urls, store);
    return (outcome.duplicate()
            ? Response.ok().location(urls.absolute(image.filename()))
            : Response.created(urls.absolute(image.filename())))
        .entity(saved)
        .build();
  }

  /** A body longer than any save of the largest image allowed: 413 before it is read. */
  private static ImageStoreException tooLarge(long maxImageBytes) {
    return new ImageStoreException(
        Failure.TOO_LARGE,
        "the request body is over the limit for a " + maxImageBytes + "-byte image");
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
