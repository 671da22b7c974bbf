/**
 * The generation recipe that image generators leave in their PNGs: {@link
 * org.imagestore.recipe.PngText} reads the text chunks (and builds one), {@link
 * org.imagestore.recipe.Infotext} reads and writes AUTOMATIC1111's {@code parameters} text, {@link
 * org.imagestore.recipe.ComfyWorkflow} reads ComfyUI's {@code prompt} graph, and {@link
 * org.imagestore.recipe.Recipe} merges what they find into the metadata a client sent. Pure logic:
 * nothing here touches storage or HTTP, and nothing here throws on what a PNG holds.
 */
package org.imagestore.recipe;
