package org.imagestore.storage;

import java.util.List;

/** One page of a listing and how many images matched in all. */
public record ImagePage(List<StoredImage> images, long count) {}
