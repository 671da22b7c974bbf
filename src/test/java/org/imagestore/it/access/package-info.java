/**
 * Access control as callers meet it: each {@code imagestore.auth} mode, owners, signed URLs of
 * private images, and CORS for pages on other origins.
 */
package org.imagestore.it.access;
