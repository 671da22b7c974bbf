package org.imagestore.index;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/**
 * Inserts claims in a transaction of their own, flushed inside it: a duplicate key then fails as a
 * PersistenceException the caller can catch, not at commit, where WildFly's transaction manager
 * would rethrow a checked RollbackException past any catch of runtime exceptions.
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
}
