/**
 * The metadata index: one {@link org.imagestore.index.ImageRecord} row per stored image in the
 * server's default datasource, so that list-images costs O(page) and not a read of every sidecar.
 * The sidecars stay the source of truth; {@link org.imagestore.index.Reconciler} derives the index
 * from the storage at start-up and on demand. {@link org.imagestore.index.Schema} makes the tables
 * by versioned migrations; the totals row and the name claims let several servers share one index.
 */
package org.imagestore.index;
