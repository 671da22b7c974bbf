package org.imagestore.index;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The index's image count and bytes, kept in one row by every write in the same transaction, so
 * that the unfiltered list-images count and storage-stats read a row instead of scanning a table of
 * a million. Reconciliation recounts it, which repairs any drift.
 */
@Entity
@Table(name = "IMAGESTORE_TOTALS")
public class IndexTotals {
  static final int ID = 1;

  @Id
  @Column(name = "ID")
  int id;

  @Column(name = "IMAGE_COUNT", nullable = false)
  long imageCount;

  @Column(name = "IMAGE_BYTES", nullable = false)
  long imageBytes;
}
