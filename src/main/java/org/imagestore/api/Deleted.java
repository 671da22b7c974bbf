package org.imagestore.api;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/** The delete-image answer. */
@JsonbPropertyOrder({"success", "filename"})
public record Deleted(boolean success, String filename) {}
