package org.imagestore.api;

import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyWriter;
import jakarta.ws.rs.ext.Provider;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import org.imagestore.recipe.JsonString;

/**
 * Writes the list-images answer itself rather than through JSON-B, so that each image's metadata
 * goes out as the JSON text the index keeps ({@code JsonText}), never parsed and written again:
 * with JSON-B that was most of a page's CPU (bench/run.sh, JFR). Members whose value is null are
 * left out, as JSON-B leaves them out elsewhere in the API.
 */
@Provider
@Produces(MediaType.APPLICATION_JSON)
public class ImageListWriter implements MessageBodyWriter<ImageList> {

  @Override
  public boolean isWriteable(
      Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
    return type == ImageList.class;
  }

  @Override
  public void writeTo(
      ImageList list,
      Class<?> type,
      Type genericType,
      Annotation[] annotations,
      MediaType mediaType,
      MultivaluedMap<String, Object> headers,
      OutputStream body)
      throws IOException {
    Writer out = new BufferedWriter(new OutputStreamWriter(body, StandardCharsets.UTF_8));
    Members page = new Members(out);
    page.name("images");
    out.write('[');
    String comma = "";
    for (ImageView image : list.images()) {
      out.write(comma);
      comma = ",";
      new Members(out)
          .text("filename", image.filename())
          .text("url", image.url())
          .text("thumbnail_url", image.thumbnailUrl())
          .text("created_at", image.createdAt())
          .literal("size", image.size())
          .literal("width", image.width())
          .literal("height", image.height())
          .literal("metadata", image.metadata())
          .text("owner", image.owner())
          .end();
    }
    out.write(']');
    page.literal("count", list.count())
        .literal("limit", list.limit())
        .literal("offset", list.offset())
        .text("next_cursor", list.nextCursor())
        .end();
    out.flush();
  }

  /** The members of one JSON object, written as they come. */
  private static final class Members {
    private final Writer out;
    private boolean first = true;

    Members(Writer out) throws IOException {
      this.out = out;
      out.write('{');
    }

    Members text(String name, String value) throws IOException {
      if (value != null) {
        name(name);
        string(value);
      }
      return this;
    }

    /** A number or a JSON-P value: either's {@code toString()} is its JSON text. */
    Members literal(String name, Object value) throws IOException {
      if (value != null) {
        name(name);
        out.write(value.toString());
      }
      return this;
    }

    void end() throws IOException {
      out.write('}');
    }

    void name(String name) throws IOException {
      if (!first) {
        out.write(',');
      }
      first = false;
      string(name);
      out.write(':');
    }

    private void string(String value) throws IOException {
      out.write(JsonString.encode(value));
    }
  }
}
