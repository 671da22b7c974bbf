package org.imagestore.storage;

/** What the PNG header says about an image. */
public record PngInfo(int width, int height, int bitDepth, int colorType, boolean interlaced) {
  public long pixels() {
    return (long) width * height;
  }
}
