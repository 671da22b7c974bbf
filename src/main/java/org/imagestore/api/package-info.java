/**
 * The JSON API under {@code /api}: thin JAX-RS resources that parse a request, call {@link
 * org.imagestore.storage.ImageStore} and shape the answer; records for the JSON bodies (the
 * list-images page written by its own writer, the rest by JSON-B); exception mappers that turn
 * every failure into the contract's {@code {"success": false, "error": ...}}.
 */
package org.imagestore.api;
