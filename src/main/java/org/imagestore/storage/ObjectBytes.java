package org.imagestore.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The content of an object to store: one or more buffers, read in order. A buffer is a heap array
 * (a JSON save's decoded image, a thumbnail) or a read-only map of an upload's temp file, which is
 * never copied whole into the heap; a {@code parameters} chunk added to a PNG is a buffer of its
 * own between two slices of the original. Every reader sees the buffers from their start: their
 * positions are never moved.
 */
public final class ObjectBytes {
  private static final int COPY_BYTES = 64 * 1024;

  private final List<ByteBuffer> parts;
  private final long size;

  private ObjectBytes(List<ByteBuffer> parts) {
    this.parts = parts.stream().map(ByteBuffer::duplicate).toList();
    this.size = parts.stream().mapToLong(ByteBuffer::remaining).sum();
  }

  public static ObjectBytes of(byte[] content) {
    return new ObjectBytes(List.of(ByteBuffer.wrap(content)));
  }

  public static ObjectBytes of(ByteBuffer... parts) {
    return new ObjectBytes(List.of(parts));
  }

  public long size() {
    return size;
  }

  /** Writes every byte to {@code out}, through a small buffer where the bytes are not on heap. */
  public void writeTo(OutputStream out) throws IOException {
    byte[] scratch = null;
    for (ByteBuffer part : parts) {
      ByteBuffer b = part.duplicate();
      if (b.hasArray()) {
        out.write(b.array(), b.arrayOffset() + b.position(), b.remaining());
        continue;
      }
      scratch = scratch == null ? new byte[COPY_BYTES] : scratch;
      while (b.hasRemaining()) {
        int n = Math.min(scratch.length, b.remaining());
        b.get(scratch, 0, n);
        out.write(scratch, 0, n);
      }
    }
  }

  /** A new stream over the bytes, for a writer that pulls (and may pull again on a retry). */
  public InputStream stream() {
    List<ByteBuffer> views = parts.stream().map(ByteBuffer::duplicate).toList();
    return new InputStream() {
      private int part;

      @Override
      public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] b, int off, int len) {
        while (part < views.size() && !views.get(part).hasRemaining()) {
          part++;
        }
        if (part == views.size()) {
          return -1;
        }
        int n = Math.min(len, views.get(part).remaining());
        views.get(part).get(b, off, n);
        return n;
      }
    };
  }

  /** The hex digest of the bytes: SHA-256 for the ETag and dedup, MD5 for an S3 ETag. */
  public String digest(String algorithm) {
    try {
      MessageDigest digest = MessageDigest.getInstance(algorithm);
      parts.forEach(part -> digest.update(part.duplicate()));
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new UncheckedIOException(new IOException("no " + algorithm + " in this runtime", e));
    }
  }

  public String sha256() {
    return digest("SHA-256");
  }
}
