package org.imagestore.index;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/**
 * Inserts claims in a transaction of their own: a duplicate key fails at commit, which only a
 * caller outside the transaction can catch.
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
  }
}
