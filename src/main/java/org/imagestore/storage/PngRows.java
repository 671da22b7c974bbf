package org.imagestore.storage;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * The rows of a non-interlaced PNG's pixel data, read from a stream and unfiltered one at a time:
 * memory is two rows, whatever the image's size. The one place that knows PNG's row filters, for
 * the recompressor and for decoding thumbnail sources.
 */
public final class PngRows implements AutoCloseable {
  private final PngInfo info;
  private final int bytesPerPixel;
  private final Inflater inflater;
  private final InflaterInputStream pixels;
  private byte[] previous;
  private byte[] current;
  private int filter;

  /**
   * Reads the PNG up to its pixel data; chunks before it (but the header) are skipped.
   *
   * @throws IOException if it is not a PNG, or an interlaced one
   */
  public PngRows(InputStream png) throws IOException {
    DataInputStream in = new DataInputStream(png);
    byte[] header = new byte[PngVerifier.HEADER_BYTES];
    in.readFully(header);
    try {
      info = PngVerifier.header(header);
    } catch (ImageStoreException e) {
      throw new IOException(e.getMessage(), e);
    }
    if (info.interlaced()) {
      throw new IOException("interlaced PNGs are read a pass at a time, not a row");
    }
    in.skipNBytes(4); // the header's CRC
    int bitsPerPixel = info.bitDepth() * PngVerifier.channels(info.colorType());
    bytesPerPixel = Math.max(1, bitsPerPixel / 8);
    int rowBytes = (int) (((long) info.width() * bitsPerPixel + 7) / 8);
    previous = new byte[rowBytes];
    current = new byte[rowBytes];
    // Made last, so that a refused header leaves no native memory behind.
    inflater = new Inflater();
    pixels = new InflaterInputStream(new ImageData(in), inflater, 64 * 1024);
  }

  public PngInfo info() {
    return info;
  }

  /** Bytes per complete pixel, at least 1: the distance the row filters look back. */
  public int bytesPerPixel() {
    return bytesPerPixel;
  }

  /**
   * The next row, unfiltered; the array is reused by the call after the next, so copy what must
   * outlive that.
   *
   * @throws EOFException if the pixel data ends before the last row
   */
  public byte[] next() throws IOException {
    byte[] swap = previous;
    previous = current;
    current = swap;
    filter = pixels.read();
    if (filter < 0 || pixels.readNBytes(current, 0, current.length) != current.length) {
      throw new EOFException("the pixel data ends before the last row");
    }
    for (int i = 0; i < current.length; i++) {
      current[i] =
          (byte) ((current[i] & 0xff) + predictor(filter, current, previous, i, bytesPerPixel));
    }
    return current;
  }

  /** The row before the one {@link #next} returned last (zeros before the first). */
  public byte[] previous() {
    return previous;
  }

  /**
   * What filter {@code type} predicts for byte {@code i} of {@code row} from the bytes left of it
   * and the row above: PNG's None, Sub, Up, Average and Paeth.
   */
  static int predictor(int type, byte[] row, byte[] above, int i, int bpp) throws IOException {
    int left = i >= bpp ? row[i - bpp] & 0xff : 0;
    int up = above[i] & 0xff;
    return switch (type) {
      case 0 -> 0;
      case 1 -> left;
      case 2 -> up;
      case 3 -> (left + up) >>> 1;
      case 4 -> paeth(left, up, i >= bpp ? above[i - bpp] & 0xff : 0);
      default -> throw new IOException("unknown row filter " + type);
    };
  }

  private static int paeth(int a, int b, int c) {
    int p = a + b - c;
    int pa = Math.abs(p - a);
    int pb = Math.abs(p - b);
    int pc = Math.abs(p - c);
    return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
  }

  /** Ends the inflater (native memory) and closes the stream. */
  @Override
  public void close() throws IOException {
    try {
      pixels.close();
    } finally {
      inflater.end();
    }
  }

  /** The IDAT chunks' data, one after the other; ends at the first other chunk after them. */
  private static final class ImageData extends InputStream {
    private final DataInputStream png;
    private int left;
    private boolean seen;
    private boolean done;

    ImageData(DataInputStream png) {
      this.png = png;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      while (left == 0) {
        if (done || !nextImageChunk()) {
          done = true;
          return -1;
        }
      }
      int n = png.read(buffer, offset, Math.min(length, left));
      if (n < 0) {
        throw new EOFException("the PNG ends inside a chunk");
      }
      left -= n;
      return n;
    }

    /** Moves to the next IDAT chunk's data, skipping what comes before the first. */
    private boolean nextImageChunk() throws IOException {
      if (seen) {
        png.skipNBytes(4); // the CRC of the IDAT just read
      }
      while (true) {
        int length = png.readInt();
        byte[] type = new byte[4];
        png.readFully(type);
        boolean idat = "IDAT".equals(new String(type, StandardCharsets.ISO_8859_1));
        if (idat) {
          seen = true;
          left = length;
          return true;
        }
        if (seen) {
          return false;
        }
        png.skipNBytes(length + 4L);
      }
    }

    @Override
    public void close() throws IOException {
      png.close();
    }
  }
}
