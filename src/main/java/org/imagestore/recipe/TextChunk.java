package org.imagestore.recipe;

/** One PNG text chunk ({@code tEXt}, {@code zTXt} or {@code iTXt}) as decoded text. */
public record TextChunk(String keyword, String text) {}
