package org.imagestore.index;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/**
 * A saved image's row, written with the end of its name's claim in one transaction of its own. A
 * new name has no row, so it is inserted without a look first; the rare stale row (its image went
 * behind the index's back, and a new save drew the same name) fails that insert, and is replaced.
 */
@ApplicationScoped
class SavedRows {
  @PersistenceContext(unitName = "imagestore")
  EntityManager em;

  @Inject NameClaims claims;

  @Inject TotalsRow totals;

  /** Inserts the row, flushed here, so that a stale row fails it as an exception to catch. */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  void insert(ImageRecord record) {
    em.persist(record);
    endClaimAndCount(record, null);
  }

  /**
   * Replaces whatever row the name has, locked so that the size taken off the totals is its own.
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  void replace(ImageRecord record) {
    ImageRecord old = em.find(ImageRecord.class, record.filename, LockModeType.PESSIMISTIC_WRITE);
    if (old == null) {
      em.persist(record);
    } else {
      em.merge(record);
    }
    endClaimAndCount(record, old);
  }

  /** Ends the name's claim, writes the row, and counts it in the totals in place of {@code old}. */
  private void endClaimAndCount(ImageRecord record, ImageRecord old) {
    claims.delete(record.filename);
    em.flush();
    totals.adjust(old == null ? 1 : 0, record.size - (old == null ? 0 : old.size));
  }
}
