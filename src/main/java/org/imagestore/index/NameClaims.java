package org.imagestore.index;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/**
 * Inserts claims in a transaction of their own (and deletes them in the caller's), flushed inside
 * it: a duplicate key then fails as a PersistenceException the caller can catch, not at commit,
 * where WildFly's transaction manager would rethrow a checked RollbackException past any catch of
 * runtime exceptions.
 */
@ApplicationScoped
class NameClaims {
  @PersistenceContext(unitName = "imagestore")
  EntityManager em;

  @Transactional(Transactional.TxType.REQUIRES_NEW)
  void insert(String filename) {
    NameClaim claim = new NameClaim();
    claim.filename = filename;
    claim.claimedMillis = System.currentTimeMillis();
    em.persist(claim);
    em.flush();
  }

  /** Ends a claim in the caller's transaction. */
  @Transactional(Transactional.TxType.MANDATORY)
  void delete(String filename) {
    em.createQuery("DELETE FROM NameClaim c WHERE c.filename = :name")
        .setParameter("name", filename)
        .executeUpdate();
  }
}
