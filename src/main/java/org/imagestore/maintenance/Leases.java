package org.imagestore.maintenance;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.imagestore.storage.Failure;
import org.imagestore.storage.ImageStoreException;

/**
 * Leases in the index's database. The row is locked while it is taken, so of two servers asking at
 * once only one gets it. Each taking has a token of its own: two jobs of one server exclude each
 * other too, and a renewal or release after the lease was lost changes nothing. Times are each
 * server's clock: keep the servers' clocks in step (NTP) to well within a lease.
 */
@ApplicationScoped
class Leases {
  private static final Logger LOG = Logger.getLogger(Leases.class.getName());

  /** This server, in the tokens: which server holds a lease is in the log and the 503. */
  private static final String HOST = host();

  @PersistenceContext(unitName = "imagestore")
  EntityManager em;

  /** Another server or job holds the lease. */
  static final class Taken extends ImageStoreException {
    Taken(String holder) {
      super(Failure.UNAVAILABLE, "maintenance is running now, held by " + holder);
    }
  }

  /** A lease held: renewed while its job runs, closed at the end. */
  final class Held implements AutoCloseable {
    private final String name;
    private final String token;
    private final Duration ttl;

    private Held(String name, String token, Duration ttl) {
      this.name = name;
      this.token = token;
      this.ttl = ttl;
    }

    /** Extends the lease; a lease lost meanwhile is not taken back, and the job runs to its end. */
    void renew() {
      try {
        if (!proxy.renew(name, token, ttl)) {
          LOG.log(
              Level.WARNING, "imagestore: the {0} lease lapsed; this run goes on to its end", name);
        }
      } catch (RuntimeException e) {
        LOG.log(
            Level.WARNING,
            "imagestore: could not renew the {0} lease: {1}",
            new Object[] {name, e});
      }
    }

    @Override
    public void close() {
      try {
        proxy.release(name, token);
      } catch (RuntimeException e) {
        // It lapses by itself.
        LOG.log(
            Level.WARNING,
            "imagestore: could not release the {0} lease: {1}",
            new Object[] {name, e});
      }
    }
  }

  /**
   * This bean's CDI proxy, so that its own calls go through the transaction interceptor; the
   * methods called through it are public, which Weld's client proxies always intercept.
   */
  @Inject Leases proxy;

  /**
   * Takes the lease for {@code ttl}.
   *
   * @throws Taken if another server or job holds it; thrown here, outside the transaction, since an
   *     exception out of a transactional method in a scheduled task upsets Payara's invocation
   *     context (the task's EntityManager is closed under it)
   */
  Held take(String name, Duration ttl) {
    String token = HOST + "/" + UUID.randomUUID();
    String holder = proxy.claim(name, token, ttl);
    if (!holder.equals(token)) {
      throw new Taken(holder);
    }
    return new Held(name, token, ttl);
  }

  /**
   * Records {@code token} as the holder if the lease is free or lapsed; returns the holder. The
   * locked row is written with an UPDATE: EclipseLink (Payara) does not see fields of an entity set
   * from another class, so the lease was never recorded there.
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public String claim(String name, String token, Duration ttl) {
    Lease lease = em.find(Lease.class, name, LockModeType.PESSIMISTIC_WRITE);
    long now = System.currentTimeMillis();
    if (lease.holder != null && lease.expiresMillis > now) {
      return lease.holder;
    }
    em.createQuery(
            "UPDATE Lease l SET l.holder = :token, l.expiresMillis = :expires WHERE l.name = :name")
        .setParameter("token", token)
        .setParameter("expires", now + ttl.toMillis())
        .setParameter("name", name)
        .executeUpdate();
    return token;
  }

  /** Extends the lease if this token still holds it. */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public boolean renew(String name, String token, Duration ttl) {
    return em.createQuery(
                "UPDATE Lease l SET l.expiresMillis = :expires"
                    + " WHERE l.name = :name AND l.holder = :token")
            .setParameter("expires", System.currentTimeMillis() + ttl.toMillis())
            .setParameter("name", name)
            .setParameter("token", token)
            .executeUpdate()
        == 1;
  }

  /** Gives the lease up, if this token still holds it. */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void release(String name, String token) {
    em.createQuery(
            "UPDATE Lease l SET l.holder = NULL, l.expiresMillis = 0"
                + " WHERE l.name = :name AND l.holder = :token")
        .setParameter("name", name)
        .setParameter("token", token)
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
