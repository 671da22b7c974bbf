package org.imagestore.index;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/** The one row of {@link IndexTotals}: read, changed with each write, and recounted. */
@ApplicationScoped
class TotalsRow {
  @PersistenceContext(unitName = "imagestore")
  EntityManager em;

  IndexTotals read() {
    return em.find(IndexTotals.class, IndexTotals.ID);
  }

  /**
   * Changes the totals in the writer's transaction, so that rows and totals commit together; called
   * after the rows are written, so that two writers never wait for each other in opposite orders.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  void adjust(long count, long bytes) {
    if (count != 0 || bytes != 0) {
      em.createQuery(
              "UPDATE IndexTotals t SET t.imageCount = t.imageCount + :count,"
                  + " t.imageBytes = t.imageBytes + :bytes"
                  + " WHERE t.id = :id")
          .setParameter("count", count)
          .setParameter("bytes", bytes)
          .setParameter("id", IndexTotals.ID)
          .executeUpdate();
    }
  }

  /**
   * Counts the rows into the totals row, repairing any drift. The totals row is locked before the
   * count: a write that has changed rows but not yet the totals waits and adds itself after. The
   * count is written with an UPDATE, not into the found entity's fields: EclipseLink (Payara)
   * tracks changes through setters it weaves into the entity, so fields set from this class were
   * never written there, and a drift stayed for good.
   */
  @Transactional
  public void recount() {
    em.find(IndexTotals.class, IndexTotals.ID, LockModeType.PESSIMISTIC_WRITE);
    Object[] sums =
        em.createQuery("SELECT COUNT(r), SUM(r.size) FROM ImageRecord r", Object[].class)
            .getSingleResult();
    em.createQuery(
            "UPDATE IndexTotals t SET t.imageCount = :count, t.imageBytes = :bytes"
                + " WHERE t.id = :id")
        .setParameter("count", ((Number) sums[0]).longValue())
        .setParameter("bytes", sums[1] == null ? 0L : ((Number) sums[1]).longValue())
        .setParameter("id", IndexTotals.ID)
        .executeUpdate();
  }
}
