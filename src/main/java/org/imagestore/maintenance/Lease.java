package org.imagestore.maintenance;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A job that one server at a time may run, and which server holds it until when. A holder that dies
 * lets it lapse: another server takes it once {@code expiresMillis} has passed.
 */
@Entity
@Table(name = "IMAGESTORE_LEASE")
public class Lease {
  @Id
  @Column(name = "NAME", length = 64)
  String name;

  @Column(name = "HOLDER", length = 255)
  String holder;

  @Column(name = "EXPIRES_MILLIS", nullable = false)
  long expiresMillis;
}
