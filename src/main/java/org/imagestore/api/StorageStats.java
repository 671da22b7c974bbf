package org.imagestore.api;

import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import org.imagestore.index.ReconcileReport;

/** The storage-stats answer; the times are null while there are no images. */
@JsonbPropertyOrder({
  "count",
  "totalBytes",
  "volumeBytes",
  "freeBytes",
  "usableBytes",
  "oldestCreatedAt",
  "newestCreatedAt",
  "indexReady",
  "lastReconciliation"
})
public record StorageStats(
    long count,
    @JsonbProperty("total_bytes") long totalBytes,
    @JsonbProperty("volume_bytes") long volumeBytes,
    @JsonbProperty("free_bytes") long freeBytes,
    @JsonbProperty("usable_bytes") long usableBytes,
    @JsonbProperty("oldest_created_at") String oldestCreatedAt,
    @JsonbProperty("newest_created_at") String newestCreatedAt,
    @JsonbProperty("index_ready") boolean indexReady,
    @JsonbProperty("last_reconciliation") ReconcileReport lastReconciliation) {}
