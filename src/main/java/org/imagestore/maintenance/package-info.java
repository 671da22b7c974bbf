/**
 * Keeping the store healthy without scripts: retention and quota on a schedule, batch deletion,
 * storage statistics, and the MicroProfile Health checks. Nothing here deletes anything but a
 * stored image and its sidecar, always through {@link org.imagestore.storage.ImageStore#delete}.
 * Servers sharing an index run the scheduled jobs one at a time, under a {@link
 * org.imagestore.maintenance.Lease} in the database.
 */
package org.imagestore.maintenance;
