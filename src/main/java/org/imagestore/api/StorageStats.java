package org.imagestore.api;

import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import org.imagestore.index.ReconcileReport;

/**
 * The storage-stats answer; the times are null while there are no images, the volume's figures on a
 * bucket, which has no volume. The derived images (thumbnails) are counted apart from the images.
 */
@JsonbPropertyOrder({
  "count",
  "totalBytes",
  "volumeBytes",
  "freeBytes",
  "usableBytes",
  "oldestCreatedAt",
  "newestCreatedAt",
  "derivedCount",
  "derivedBytes",
  "recompressionSavedBytes",
  "indexReady",
  "lastReconciliation"
})
public record StorageStats(
    long count,
    @JsonbProperty("total_bytes") long totalBytes,
    @JsonbProperty("volume_bytes") Long volumeBytes,
    @JsonbProperty("free_bytes") Long freeBytes,
    @JsonbProperty("usable_bytes") Long usableBytes,
    @JsonbProperty("oldest_created_at") String oldestCreatedAt,
    @JsonbProperty("newest_created_at") String newestCreatedAt,
    @JsonbProperty("derived_count") long derivedCount,
    @JsonbProperty("derived_bytes") long derivedBytes,
    @JsonbProperty("recompression_saved_bytes") long recompressionSavedBytes,
    @JsonbProperty("index_ready") boolean indexReady,
    @JsonbProperty("last_reconciliation") ReconcileReport lastReconciliation) {}
