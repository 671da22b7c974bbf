package org.imagestore.it.client;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.imagestore.client.ImageEntry;
import org.imagestore.client.ImageQuery;
import org.imagestore.client.ImageStoreApi;
import org.imagestore.client.ImageStoreClient;
import org.imagestore.client.ImageStoreException;
import org.imagestore.client.SavedImage;

/**
 * A chat back end as the README shows it: the client injected, its URL in the application's
 * MicroProfile Config. A generated image goes to imagestore and the chat keeps the URL.
 */
@Path("chat/images")
@RequestScoped
public class ChatbotResource {
  @Inject @RestClient ImageStoreApi api;

  @POST
  @Consumes("image/png")
  @Produces(MediaType.APPLICATION_JSON)
  public SavedImage remember(byte[] png, @QueryParam("prompt") String prompt) {
    return new ImageStoreClient(api)
        .save(png, Json.createObjectBuilder().add("prompt", prompt).build());
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public List<String> recall(@QueryParam("q") String q) {
    return new ImageStoreClient(api)
        .stream(ImageQuery.all().q(q)).map(ImageEntry::filename).toList();
  }

  /** imagestore's refusal, passed on with its status: what the client's exception carries. */
  @DELETE
  @Path("{filename}")
  public Response forget(@PathParam("filename") String filename) {
    try {
      api.delete(filename);
      return Response.noContent().build();
    } catch (ImageStoreException e) {
      return Response.status(e.status()).type(MediaType.TEXT_PLAIN).entity(e.error()).build();
    }
  }
}
