/**
 * Serving stored images at {@code /storage/images/*}: {@link org.imagestore.serving.ImageServlet}
 * with strong ETags, conditional requests and single byte ranges ({@link
 * org.imagestore.serving.ByteRange}).
 */
package org.imagestore.serving;
