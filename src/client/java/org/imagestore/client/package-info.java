/**
 * The Java client of imagestore, shipped as its own jar ({@code org.imagestore:imagestore-client}):
 * {@link org.imagestore.client.ImageStoreApi}, a MicroProfile Rest Client interface for every
 * endpoint; {@link org.imagestore.client.ImageStoreClient}, the same with conveniences (save from
 * bytes or a file, every page of a query as a stream, a download with its ETag); records for every
 * body; {@link org.imagestore.client.ImageStoreException}, the contract's error body as one
 * exception. It depends only on the Jakarta REST, JSON-B (with JSON-P) and MicroProfile Rest Client
 * APIs, never on the server's classes, so it works injected in a Jakarta EE application and from
 * plain Java SE.
 */
package org.imagestore.client;
