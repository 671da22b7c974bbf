package org.imagestore.index;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.imagestore.storage.StoredImage;

/**
 * One stored image in the index: what list-images filters and sorts on, and its metadata. The table
 * and its indexes are made by the schema migrations ({@code schema/portable/V1.sql}).
 */
@Entity
@Table(name = "IMAGESTORE_IMAGE")
public class ImageRecord {
  /** Longer prompts are searched in their first this many characters. */
  static final int SEARCH_CHARS = 4000;

  static final int NAME_CHARS = 255;

  static final int METADATA_CHARS = StoredImage.MAX_METADATA_CHARS;

  @Id
  @Column(name = "FILENAME", length = 128)
  String filename;

  /** Creation time in microseconds since the epoch: sorts and filters. */
  @Column(name = "CREATED_MICROS", nullable = false)
  long createdMicros;

  /** Creation time as the API shows it, with the offset it was written with. */
  @Column(name = "CREATED_AT", nullable = false, length = 40)
  String createdAt;

  @Column(name = "IMAGE_SIZE", nullable = false)
  long size;

  @Column(name = "WIDTH")
  Integer width;

  @Column(name = "HEIGHT")
  Integer height;

  @Column(name = "MODEL_NAME", length = NAME_CHARS)
  String model;

  /** The metadata's source, or the seed's default when it has none. */
  @Column(name = "SOURCE_NAME", length = NAME_CHARS)
  String source;

  /** Who saved it, with auth on; null for images saved with it off (admins alone see them). */
  @Column(name = "OWNER_NAME", length = NAME_CHARS)
  String owner;

  /** The uploaded size when recompression made the stored image smaller, else null. */
  @Column(name = "ORIGINAL_BYTES")
  Long originalBytes;

  /** The stored bytes' hex SHA-256, for imagestore.dedup; null where the sidecar had none. */
  @Column(name = "SHA256", length = 64)
  String sha256;

  /** The prompt in lower case (Locale.ROOT), for case-insensitive search. */
  @Column(name = "PROMPT_SEARCH", length = SEARCH_CHARS)
  String promptSearch;

  /** The metadata as JSON text; a VARCHAR, since a CLOB costs a lookup per row read. */
  @Column(name = "METADATA_JSON", length = METADATA_CHARS)
  String metadata;

  /**
   * The image's and its sidecar's {@code FileState} versions (the columns keep their first names).
   */
  @Column(name = "IMAGE_MODIFIED", nullable = false)
  long imageModified;

  @Column(name = "SIDECAR_MODIFIED", nullable = false)
  long sidecarModified;
}
