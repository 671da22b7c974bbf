package org.imagestore.index;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/** What one reconciliation found and did. */
@JsonbPropertyOrder({"added", "updated", "removed", "unchanged", "millis"})
public record ReconcileReport(
    long added, long updated, long removed, long unchanged, long millis) {}
