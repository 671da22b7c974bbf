package org.imagestore.client;

/** The delete-image answer. */
public record Deleted(boolean success, String filename) {}
