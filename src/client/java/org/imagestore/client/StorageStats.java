package org.imagestore.client;

import jakarta.json.bind.annotation.JsonbProperty;

/**
 * The storage-stats answer. The volume's figures are null on a bucket; the times are null while
 * there are no images.
 */
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
    @JsonbProperty("last_reconciliation") Reconciliation lastReconciliation) {}
