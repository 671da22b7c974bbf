package org.imagestore.maintenance;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * Leases in the index's database: the row is locked while it is read and changed, so two servers
 * asking at once are answered one after the other, and only one gets it. Times are each server's
 * clock: keep the servers' clocks in step (NTP) to well within a lease.
 */
@ApplicationScoped
class Leases {
  /** This server, for as long as the application runs: a restart is a new holder. */
  private final String self = host() + "/" + UUID.randomUUID();

  @PersistenceContext(unitName = "imagestore")
  EntityManager em;

  /**
   * Takes or renews the lease for {@code ttl}.
   *
   * @return empty if this server holds it now, else who does
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  Optional<String> acquire(String name, Duration ttl) {
    Lease lease = em.find(Lease.class, name, LockModeType.PESSIMISTIC_WRITE);
    long now = System.currentTimeMillis();
    if (lease.holder != null && !lease.holder.equals(self) && lease.expiresMillis > now) {
      return Optional.of(lease.holder);
    }
    lease.holder = self;
    lease.expiresMillis = now + ttl.toMillis();
    return Optional.empty();
  }

  /** Gives the lease up, if this server still holds it. */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  void release(String name) {
    em.createQuery(
            "UPDATE Lease l SET l.holder = NULL, l.expiresMillis = 0"
                + " WHERE l.name = :name AND l.holder = :self")
        .setParameter("name", name)
        .setParameter("self", self)
        .executeUpdate();
  }

  private static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "unknown-host";
    }
  }
}
