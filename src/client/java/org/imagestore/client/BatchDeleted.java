package org.imagestore.client;

import jakarta.json.bind.annotation.JsonbProperty;
import java.util.List;

/** The delete-images answer: what was deleted, and the names refused or unknown. */
public record BatchDeleted(
    boolean success,
    int deleted,
    List<String> filenames,
    List<String> invalid,
    @JsonbProperty("not_found") List<String> notFound) {}
