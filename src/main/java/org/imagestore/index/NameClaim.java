package org.imagestore.index;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A name being written by one save: the primary key is what makes the claim atomic. Rows live for
 * the length of one save; a server that dies mid-save leaves one, swept by reconciliation.
 */
@Entity
@Table(name = "IMAGESTORE_NAME_CLAIM")
public class NameClaim {
  @Id
  @Column(name = "FILENAME", length = 128)
  String filename;

  @Column(name = "CLAIMED_MILLIS", nullable = false)
  long claimedMillis;
}
