package org.imagestore.client;

import java.util.Collections;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/** Every page of a query, one request at a time, following each page's cursor to the next. */
final class Pages implements Iterator<ImageEntry> {
  private final ImageStoreClient client;
  private ImageQuery next;
  private Iterator<ImageEntry> page = Collections.emptyIterator();

  private Pages(ImageStoreClient client, ImageQuery first) {
    this.client = client;
    this.next = first;
  }

  static Stream<ImageEntry> stream(ImageStoreClient client, ImageQuery query) {
    return StreamSupport.stream(
        Spliterators.spliteratorUnknownSize(
            new Pages(client, query), Spliterator.ORDERED | Spliterator.NONNULL),
        false);
  }

  @Override
  public boolean hasNext() {
    while (!page.hasNext() && next != null) {
      ImageList list = client.list(next);
      page = list.images().iterator();
      // An offset applies to the first page only; a cursor cannot be sent with one.
      next = list.nextCursor() == null ? null : next.offset(null).cursor(list.nextCursor());
    }
    return page.hasNext();
  }

  @Override
  public ImageEntry next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return page.next();
  }
}
