package org.imagestore.api;

import java.util.List;

/** The generate answer: one save-image answer per stored image, in the generator's order. */
public record Generated(boolean success, List<SavedImage> images) {}
