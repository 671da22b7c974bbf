package org.imagestore.storage;

import java.util.List;

/**
 * One page of a listing, how many images matched in all, and where the next page starts (null on
 * the last page).
 */
public record ImagePage(List<StoredImage> images, long count, ImageQuery.Cursor next) {}
