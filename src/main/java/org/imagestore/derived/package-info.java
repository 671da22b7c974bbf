/**
 * Images derived from the stored ones: thumbnails of a few configured widths ({@code
 * imagestore.derived-widths}), made on first request (or at save), kept in the same storage next to
 * the originals under the prefix {@code derived_}, which the seed's layout ignores, and deleted
 * with them. {@link org.imagestore.derived.DerivedImages} holds the rules; {@link
 * org.imagestore.derived.Resizer} and {@link org.imagestore.derived.Encoder} do the pixel work.
 */
package org.imagestore.derived;
