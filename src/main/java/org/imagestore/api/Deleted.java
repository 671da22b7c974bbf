package org.imagestore.api;

/** The delete-image answer. */
public record Deleted(boolean success, String filename) {}
