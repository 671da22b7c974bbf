package org.imagestore.api;

import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;

/** The delete-images answer: what was deleted, and the names that were refused or unknown. */
@JsonbPropertyOrder({"success", "deleted", "filenames", "invalid", "notFound"})
public record BatchDeleted(
    boolean success,
    int deleted,
    List<String> filenames,
    List<String> invalid,
    @JsonbProperty("not_found") List<String> notFound) {}
