/**
 * What holds for every HTTP answer of the WAR, whoever makes it: a {@code Date}, a 400 for URLs
 * with malformed %-escapes, and how browsers may cache the static pages (the gallery at {@code /},
 * the chat demo, {@code imagestore.js}) and what those pages may load.
 */
package org.imagestore.web;
