package org.imagestore.storage;

import jakarta.json.JsonObject;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import org.imagestore.recipe.Infotext;
import org.imagestore.recipe.PngText;
import org.imagestore.recipe.Recipe;
import org.imagestore.recipe.TextChunk;

/**
 * What a save stores, made from the uploaded PNG before any name is taken: the PNG verified, its
 * metadata completed from the recipe in its text chunks, recompressed ({@code
 * imagestore.recompress}) and given a {@code parameters} chunk ({@code
 * imagestore.embed-parameters}) when configured, and the hash of the bytes that will be stored.
 *
 * @param originalSize the uploaded size when recompression made the stored bytes smaller, else null
 */
record PreparedImage(
    ObjectBytes bytes, PngInfo info, JsonObject metadata, Long originalSize, String sha256) {

  /**
   * @param png the upload, read at absolute positions from 0 to its limit, never changed
   */
  static PreparedImage of(ByteBuffer png, JsonObject metadata, StoreConfig config) {
    PngInfo info = PngVerifier.verify(png, config.maxPixels());
    List<TextChunk> chunks = PngText.read(png);
    JsonObject filled = withSource(Recipe.fill(metadata, chunks, StoredImage.MAX_METADATA_CHARS));
    Optional<byte[]> smaller =
        config.recompressLossless() ? PngRecompressor.recompress(png) : Optional.empty();
    ByteBuffer stored = smaller.map(ByteBuffer::wrap).orElse(png);
    Long originalSize = smaller.isPresent() ? (long) png.limit() : null;
    ObjectBytes bytes = ObjectBytes.of(stored);
    if (config.embedParameters() && !Recipe.hasParameters(chunks)) {
      bytes = Infotext.format(filled).map(text -> embed(stored, text)).orElse(bytes);
    }
    return new PreparedImage(bytes, info, filled, originalSize, bytes.sha256());
  }

  /** The PNG with a {@code parameters} chunk after its header: three buffers, no copy of it. */
  private static ObjectBytes embed(ByteBuffer png, String parameters) {
    return ObjectBytes.of(
        png.slice(0, PngText.INSERT_OFFSET),
        ByteBuffer.wrap(PngText.chunk("parameters", parameters)),
        png.slice(PngText.INSERT_OFFSET, png.limit() - PngText.INSERT_OFFSET));
  }

  private static JsonObject withSource(JsonObject metadata) {
    return metadata.containsKey("source")
        ? metadata
        : JsonText.PROVIDER
            .createObjectBuilder(metadata)
            .add("source", ImageQuery.DEFAULT_SOURCE)
            .build();
  }
}
