package org.imagestore.api;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.imagestore.access.Caller;
import org.imagestore.access.PrivateImages;
import org.imagestore.audit.Audited;
import org.imagestore.derived.DerivedConfig;
import org.imagestore.generate.BatchStore;
import org.imagestore.generate.Generator;
import org.imagestore.generate.GeneratorConfig;
import org.imagestore.generate.Txt2ImgRequest;
import org.imagestore.serving.ServingConfig;
import org.imagestore.storage.Failure;
import org.imagestore.storage.ImageStore;
import org.imagestore.storage.ImageStoreException;
import org.imagestore.storage.SaveOutcome;

/**
 * POST /api/generate: an A1111 txt2img request sent to {@code imagestore.sd-url}, every image it
 * makes stored as save-image stores one, with what the generator really used as its metadata.
 */
@Path("generate")
@Produces(MediaType.APPLICATION_JSON)
public class GenerateResource {
  /** A txt2img request is settings and prompts: a mebibyte is far more than any needs. */
  static final long MAX_BODY_BYTES = 1024 * 1024;

  @Inject Generator generator;
  @Inject GeneratorConfig config;
  @Inject BatchStore batches;
  @Inject ImageStore store;
  @Inject ServingConfig serving;
  @Inject SaveBudget budget;
  @Inject PrivateImages privateImages;
  @Inject DerivedConfig derived;

  @Context HttpServletRequest request;

  @POST
  @Audited("generate")
  public Response generate(InputStream body) {
    if (!generator.enabled()) {
      throw new ImageStoreException(
          Failure.NOT_FOUND, "generate is off: imagestore.sd-url is not set");
    }
    Txt2ImgRequest txt2img = Txt2ImgRequest.of(JsonMembers.parse(read(body)), config);
    long imageTextBytes = SaveRequest.maxBodyBytes(store.config().maxImageBytes());
    List<SaveOutcome> stored;
    try (var batch =
        generator.generate(txt2img, imageTextBytes, bytes -> budget.reserve(bytes)::close)) {
      stored = batches.saveAll(batch.images(), Caller.of(request).owner());
    }
    ImageUrls urls = new ImageUrls(request, serving, privateImages, derived);
    List<SavedImage> saved =
        stored.stream().map(outcome -> SavedImage.of(outcome, urls, store)).toList();
    return Response.status(Response.Status.CREATED).entity(new Generated(true, saved)).build();
  }

  private String read(InputStream body) {
    if (request.getContentLengthLong() > MAX_BODY_BYTES) {
      throw new ImageStoreException(
          Failure.TOO_LARGE, "the request body is over " + MAX_BODY_BYTES + " bytes");
    }
    try {
      byte[] bytes = new LimitedInputStream(body, MAX_BODY_BYTES).readAllBytes();
      return new String(bytes, StandardCharsets.UTF_8);
    } catch (LimitedInputStream.LimitExceeded e) {
      throw e.refusal();
    } catch (IOException e) {
      throw ImageStoreException.invalidInput("the body could not be read to its end");
    }
  }
}
