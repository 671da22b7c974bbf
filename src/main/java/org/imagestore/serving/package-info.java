/**
 * Serving stored bytes: {@link org.imagestore.serving.StoredBytesServlet} is the one GET/HEAD flow,
 * with strong ETags, conditional requests and single byte ranges ({@link
 * org.imagestore.serving.ByteRange}), sending the bytes itself or handing them to a front server
 * ({@link org.imagestore.serving.Offload}); {@link org.imagestore.serving.ImageServlet} serves the
 * images at {@code /storage/images/*} and {@link org.imagestore.serving.ThumbnailServlet} their
 * derived copies at {@code /storage/thumbnails/*}. {@link org.imagestore.serving.ServingConfig}
 * holds the offload mode and the public base URL that image URLs are built on.
 */
package org.imagestore.serving;
