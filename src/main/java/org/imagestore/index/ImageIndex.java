package org.imagestore.index;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.io.StringReader;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.imagestore.storage.FileState;
import org.imagestore.storage.ImageCatalog;
import org.imagestore.storage.ImagePage;
import org.imagestore.storage.ImageQuery;
import org.imagestore.storage.StoredImage;
import org.imagestore.storage.Timestamps;

/** The index in the default datasource: writes from the store and the reconciler, and queries. */
@ApplicationScoped
public class ImageIndex implements ImageCatalog {
  private static final Logger LOG = Logger.getLogger(ImageIndex.class.getName());
  private static final String OVERSIZED_METADATA =
      "{\"imagestore\":\"metadata too large for the index; it is in the sidecar\"}";
  private static final String NEWEST_FIRST = " ORDER BY r.createdMicros DESC, r.filename DESC";

  @PersistenceContext(unitName = "imagestore")
  EntityManager em;

  @Inject NameClaims claims;

  /** Totals for storage-stats; the times are null when the index is empty. */
  public record Totals(long count, long bytes, String oldest, String newest) {}

  /** An image whose name and size maintenance needs to pick what to delete. */
  public record Sized(String filename, long size) {}

  @Override
  @Transactional
  public void put(StoredImage image, FileState state) {
    em.merge(toRecord(image, state));
    em.flush();
  }

  /** Writes a batch in one transaction: new rows inserted, known ones replaced. */
  @Transactional
  public void putAll(Map<StoredImage, FileState> images, Collection<String> known) {
    images.forEach(
        (image, state) -> {
          ImageRecord record = toRecord(image, state);
          if (known.contains(image.filename())) {
            em.merge(record);
          } else {
            em.persist(record);
          }
        });
    // A row a save inserted meanwhile fails here, as an exception the reconciler catches.
    em.flush();
  }

  @Override
  @Transactional
  public void remove(String filename) {
    removeAll(List.of(filename));
  }

  @Transactional
  public void removeAll(Collection<String> filenames) {
    if (!filenames.isEmpty()) {
      em.createQuery("DELETE FROM ImageRecord r WHERE r.filename IN :names")
          .setParameter("names", filenames)
          .executeUpdate();
    }
  }

  /**
   * Inserted in a transaction of its own, so that a name held by another save fails the insert; the
   * caller sees false for that, as for an index it cannot reach.
   */
  @Override
  public boolean claim(String filename) {
    try {
      claims.insert(filename);
      return true;
    } catch (Exception e) {
      // Exception, not RuntimeException: WildFly's transaction manager rethrows a failed commit
      // as the checked RollbackException.
      LOG.log(Level.FINE, "imagestore: name claim refused for " + filename, e);
      return false;
    }
  }

  @Override
  @Transactional
  public void release(String filename) {
    em.createQuery("DELETE FROM NameClaim c WHERE c.filename = :name")
        .setParameter("name", filename)
        .executeUpdate();
  }

  /** Removes claims left by saves that died; returns how many. */
  @Transactional
  public int releaseClaimsBefore(Instant before) {
    return em.createQuery("DELETE FROM NameClaim c WHERE c.claimedMillis < :before")
        .setParameter("before", before.toEpochMilli())
        .executeUpdate();
  }

  @Override
  public ImagePage page(ImageQuery query) {
    Filter filter = Filter.of(query);
    TypedQuery<ImageRecord> rows =
        em.createQuery(
            "SELECT r FROM ImageRecord r" + filter.where + NEWEST_FIRST, ImageRecord.class);
    TypedQuery<Long> count =
        em.createQuery("SELECT COUNT(r) FROM ImageRecord r" + filter.where, Long.class);
    filter.bind(rows::setParameter);
    filter.bind(count::setParameter);
    List<StoredImage> images =
        rows.setFirstResult(query.offset()).setMaxResults(query.limit()).getResultList().stream()
            .map(ImageIndex::toImage)
            .toList();
    return new ImagePage(images, count.getSingleResult());
  }

  /** What the index knows of each image's files, to tell which entries are out of date. */
  public Map<String, FileState> states() {
    Map<String, FileState> states = new HashMap<>();
    em.createQuery(
            "SELECT r.filename, r.imageModified, r.sidecarModified FROM ImageRecord r",
            Object[].class)
        .getResultStream()
        .forEach(row -> states.put((String) row[0], new FileState((long) row[1], (long) row[2])));
    return states;
  }

  /** The oldest images, oldest first, optionally only those created before {@code before}. */
  public List<Sized> oldest(Instant before, int max) {
    String where = before == null ? "" : " WHERE r.createdMicros < :before";
    TypedQuery<Sized> query =
        em.createQuery(
            "SELECT NEW org.imagestore.index.ImageIndex$Sized(r.filename, r.size)"
                + " FROM ImageRecord r"
                + where
                + " ORDER BY r.createdMicros, r.filename",
            Sized.class);
    if (before != null) {
      query.setParameter("before", boundMicros(before));
    }
    return query.setMaxResults(max).getResultList();
  }

  public Totals totals() {
    Object[] sums =
        em.createQuery("SELECT COUNT(r), SUM(r.size) FROM ImageRecord r", Object[].class)
            .getSingleResult();
    long count = ((Number) sums[0]).longValue();
    long bytes = sums[1] == null ? 0 : ((Number) sums[1]).longValue();
    return new Totals(count, bytes, edge(""), edge(" DESC"));
  }

  private String edge(String direction) {
    return em.createQuery(
            "SELECT r.createdAt FROM ImageRecord r ORDER BY r.createdMicros"
                + direction
                + ", r.filename"
                + direction,
            String.class)
        .setMaxResults(1)
        .getResultStream()
        .findFirst()
        .orElse(null);
  }

  static ImageRecord toRecord(StoredImage image, FileState state) {
    ImageRecord r = new ImageRecord();
    r.filename = image.filename();
    r.createdMicros = micros(image.createdAt().toInstant());
    r.createdAt = Timestamps.format(image.createdAt());
    r.size = image.size();
    r.width = image.width();
    r.height = image.height();
    r.model = clip(image.metadataString("model"), ImageRecord.NAME_CHARS);
    String source = image.metadataString("source");
    r.source = clip(source == null ? ImageQuery.DEFAULT_SOURCE : source, ImageRecord.NAME_CHARS);
    String prompt = image.metadataString("prompt");
    r.promptSearch =
        prompt == null ? null : clip(prompt.toLowerCase(Locale.ROOT), ImageRecord.SEARCH_CHARS);
    String metadata = image.metadata().toString();
    // Only a sidecar written by hand can be this large: saves refuse it.
    r.metadata = metadata.length() <= ImageRecord.METADATA_CHARS ? metadata : OVERSIZED_METADATA;
    r.imageModified = state.imageVersion();
    r.sidecarModified = state.sidecarVersion();
    return r;
  }

  static StoredImage toImage(ImageRecord r) {
    return new StoredImage(
        r.filename,
        OffsetDateTime.parse(r.createdAt),
        r.size,
        r.width,
        r.height,
        Json.createReader(new StringReader(r.metadata)).readObject());
  }

  static long micros(Instant instant) {
    return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
  }

  /**
   * A filter bound in stored microseconds: rounded up, since a time stored as {@code m} micros is
   * at or after a bound {@code b} exactly when {@code m >= ceil(b)}.
   */
  static long boundMicros(Instant bound) {
    long micros = micros(bound);
    return bound.getNano() % 1000 == 0 ? micros : micros + 1;
  }

  private static String clip(String text, int max) {
    return text == null || text.length() <= max ? text : text.substring(0, max);
  }

  /** The WHERE clause of a list query and its parameters. */
  private record Filter(String where, Map<String, Object> parameters) {
    static Filter of(ImageQuery query) {
      StringBuilder where = new StringBuilder();
      Map<String, Object> parameters = new HashMap<>();
      if (query.q() != null) {
        // LOCATE, not LIKE: the search text may hold % and _.
        add(where, "LOCATE(:q, r.promptSearch) > 0");
        parameters.put("q", query.q().toLowerCase(Locale.ROOT));
      }
      if (query.model() != null) {
        add(where, "r.model = :model");
        parameters.put("model", query.model());
      }
      if (query.source() != null) {
        add(where, "r.source = :source");
        parameters.put("source", query.source());
      }
      if (query.since() != null) {
        add(where, "r.createdMicros >= :since");
        parameters.put("since", boundMicros(query.since()));
      }
      if (query.before() != null) {
        add(where, "r.createdMicros < :before");
        parameters.put("before", boundMicros(query.before()));
      }
      return new Filter(where.toString(), parameters);
    }

    private static void add(StringBuilder where, String condition) {
      where.append(where.length() == 0 ? " WHERE " : " AND ").append(condition);
    }

    void bind(java.util.function.BiFunction<String, Object, ?> setter) {
      parameters.forEach(setter::apply);
    }
  }
}
