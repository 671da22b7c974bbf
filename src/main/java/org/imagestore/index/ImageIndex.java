package org.imagestore.index;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.imagestore.storage.FileState;
import org.imagestore.storage.ImageCatalog;
import org.imagestore.storage.ImagePage;
import org.imagestore.storage.ImageQuery;
import org.imagestore.storage.JsonText;
import org.imagestore.storage.Scope;
import org.imagestore.storage.StoredImage;
import org.imagestore.storage.Timestamps;

/** The index in the default datasource: writes from the store and the reconciler, and queries. */
@ApplicationScoped
public class ImageIndex implements ImageCatalog {
  private static final Logger LOG = Logger.getLogger(ImageIndex.class.getName());
  private static final String OVERSIZED_METADATA =
      "{\"imagestore\":\"metadata too large for the index; it is in the sidecar\"}";
  private static final String NEWEST_FIRST = " ORDER BY r.createdMicros DESC, r.filename DESC";
  private static final String OLDEST_FIRST = " ORDER BY r.createdMicros, r.filename";

  @PersistenceContext(unitName = "imagestore")
  EntityManager em;

  @Inject NameClaims claims;

  @Inject SavedRows rows;

  @Inject TotalsRow totals;

  @Inject Schema schema;

  /** Totals for storage-stats; the times are null when the index is empty. */
  public record Totals(long count, long bytes, String oldest, String newest) {}

  /** An image whose name and size maintenance needs to pick what to delete. */
  public record Sized(String filename, long size) {}

  @Override
  public void putSaved(StoredImage image, FileState state) {
    ImageRecord record = toRecord(image, state);
    try {
      rows.insert(record);
    } catch (Exception e) { // a failed commit may come as a checked exception
      LOG.log(Level.FINE, "imagestore: replacing the index row of " + record.filename, e);
      rows.replace(record);
    }
  }

  /** Writes a batch in one transaction: new rows inserted, known ones replaced. */
  @Transactional
  public void putAll(Map<StoredImage, FileState> images, Collection<String> known) {
    Map<String, Long> sizes = sizes(known);
    long added = 0;
    long bytes = 0;
    for (Map.Entry<StoredImage, FileState> entry : images.entrySet()) {
      ImageRecord record = toRecord(entry.getKey(), entry.getValue());
      Long oldSize = sizes.get(record.filename);
      if (known.contains(record.filename)) {
        em.merge(record);
      } else {
        em.persist(record);
      }
      added += oldSize == null ? 1 : 0;
      bytes += record.size - (oldSize == null ? 0 : oldSize);
    }
    // A row a save inserted meanwhile fails here, as an exception the reconciler catches.
    em.flush();
    totals.adjust(added, bytes);
  }

  private Map<String, Long> sizes(Collection<String> filenames) {
    Map<String, Long> sizes = new HashMap<>();
    if (!filenames.isEmpty()) {
      em.createQuery("SELECT r FROM ImageRecord r WHERE r.filename IN :names", ImageRecord.class)
          .setParameter("names", filenames)
          .setLockMode(LockModeType.PESSIMISTIC_WRITE)
          .getResultStream()
          .forEach(row -> sizes.put(row.filename, row.size));
    }
    return sizes;
  }

  @Override
  @Transactional
  public void remove(String filename) {
    removeAll(List.of(filename));
  }

  /**
   * Deletes the rows and takes them off the totals. The rows are locked first, so when two servers
   * remove the same row, the second finds it gone and counts nothing.
   */
  @Transactional
  public void removeAll(Collection<String> filenames) {
    if (filenames.isEmpty()) {
      return;
    }
    List<ImageRecord> rows =
        em.createQuery("SELECT r FROM ImageRecord r WHERE r.filename IN :names", ImageRecord.class)
            .setParameter("names", filenames)
            .setLockMode(LockModeType.PESSIMISTIC_WRITE)
            .getResultList();
    if (!rows.isEmpty()) {
      em.createQuery("DELETE FROM ImageRecord r WHERE r.filename IN :names")
          .setParameter("names", rows.stream().map(r -> r.filename).toList())
          .executeUpdate();
      totals.adjust(-rows.size(), -rows.stream().mapToLong(r -> r.size).sum());
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
  public boolean claimed(String filename) {
    return em.find(NameClaim.class, filename) != null;
  }

  @Override
  @Transactional
  public void release(String filename) {
    claims.delete(filename);
  }

  /** Counts the rows into the totals row, repairing any drift; run by reconciliation. */
  public void recount() {
    totals.recount();
  }

  /** Removes claims left by saves that died; returns how many. */
  @Transactional
  public int releaseClaimsBefore(Instant before) {
    return em.createQuery("DELETE FROM NameClaim c WHERE c.claimedMillis < :before")
        .setParameter("before", before.toEpochMilli())
        .executeUpdate();
  }

  /**
   * A page newest first. Each page is read through the newest-first index: after a cursor by a
   * range of it, at an offset past the middle from the oldest end, so that the last pages cost as
   * little as the first. The unfiltered count is the totals row, not a scan.
   */
  @Override
  public ImagePage page(ImageQuery query, Scope scope) {
    ListFilter filter = ListFilter.of(query, scope, schema.postgres());
    long count = query.unfiltered() && scope.everyone() ? totals.read().imageCount : count(filter);
    List<ImageRecord> rows;
    boolean more;
    if (query.cursor() == null && query.offset() > count / 2 && query.offset() < count) {
      int size = (int) Math.min(query.limit(), count - query.offset());
      rows =
          new ArrayList<>(rows(filter, OLDEST_FIRST, (int) (count - query.offset() - size), size));
      Collections.reverse(rows);
      more = query.offset() + size < count;
    } else {
      ListFilter after = query.cursor() == null ? filter : filter.after(query.cursor());
      rows = rows(after, NEWEST_FIRST, query.offset(), query.limit() + 1);
      more = rows.size() > query.limit();
      rows = more ? rows.subList(0, query.limit()) : rows;
    }
    // A count ahead of the rows (images deleted meanwhile) can leave a page empty: no cursor then.
    ImageRecord last = rows.isEmpty() ? null : rows.get(rows.size() - 1);
    ImageQuery.Cursor next =
        more && last != null ? new ImageQuery.Cursor(last.createdMicros, last.filename) : null;
    return new ImagePage(rows.stream().map(ImageIndex::toImage).toList(), count, next);
  }

  @Override
  public Optional<StoredImage> withContent(String sha256, Scope scope) {
    String owner = scope.everyone() ? "" : " AND r.owner = :owner";
    TypedQuery<ImageRecord> rows =
        em.createQuery(
            "SELECT r FROM ImageRecord r WHERE r.sha256 = :sha256" + owner + NEWEST_FIRST,
            ImageRecord.class);
    rows.setParameter("sha256", sha256);
    if (!scope.everyone()) {
      rows.setParameter("owner", scope.owner());
    }
    return rows.setMaxResults(1).getResultStream().findFirst().map(ImageIndex::toImage);
  }

  private List<ImageRecord> rows(ListFilter filter, String order, int first, int max) {
    TypedQuery<ImageRecord> rows =
        em.createQuery("SELECT r FROM ImageRecord r" + filter.where() + order, ImageRecord.class);
    filter.bind(rows::setParameter);
    return rows.setFirstResult(first).setMaxResults(max).getResultList();
  }

  private long count(ListFilter filter) {
    TypedQuery<Long> count =
        em.createQuery("SELECT COUNT(r) FROM ImageRecord r" + filter.where(), Long.class);
    filter.bind(count::setParameter);
    return count.getSingleResult();
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
    IndexTotals row = totals.read();
    return new Totals(row.imageCount, row.imageBytes, edge(""), edge(" DESC"));
  }

  /** How many bytes {@code imagestore.recompress} has saved on the images stored now. */
  public long recompressionSavedBytes() {
    Long saved =
        em.createQuery(
                "SELECT SUM(r.originalBytes - r.size) FROM ImageRecord r"
                    + " WHERE r.originalBytes IS NOT NULL",
                Long.class)
            .getSingleResult();
    return saved == null ? 0 : saved;
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
    r.owner = clip(image.owner(), ImageRecord.NAME_CHARS);
    r.originalBytes = image.originalSize();
    r.sha256 = image.sha256();
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
        new JsonText(r.metadata),
        r.owner,
        r.originalBytes,
        r.sha256);
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
}
