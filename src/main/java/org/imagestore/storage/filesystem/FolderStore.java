package org.imagestore.storage.filesystem;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.imagestore.storage.Failure;
import org.imagestore.storage.ImageStoreException;
import org.imagestore.storage.ObjectBytes;
import org.imagestore.storage.ObjectStore;
import org.imagestore.storage.StoreConfig;
import org.imagestore.storage.Volume;

/**
 * Objects as files in the folder {@code imagestore.dir}, the seed's layout. A version is the file's
 * modification time in milliseconds; files carry no tags, so hashes are computed on read.
 */
@ApplicationScoped
@Named(StoreConfig.FILESYSTEM)
public class FolderStore implements ObjectStore {
  private static final Logger LOG = Logger.getLogger(FolderStore.class.getName());

  /**
   * A save writes its temporary file in seconds; a younger one may be another server's save under
   * way in a shared folder, so only older ones are removed at start-up.
   */
  private static final Duration ABANDONED_AFTER = Duration.ofMinutes(10);

  @Inject StoreConfig config;

  private Path dir;

  /** The folder's file store, found once: finding it parses the mount table. */
  private FileStore fileStore;

  private boolean posix;

  /** Creates the folder and removes writes a crash left unfinished. */
  @PostConstruct
  void init() {
    dir = config.dir();
    try {
      Files.createDirectories(dir);
      fileStore = Files.getFileStore(dir);
      posix = fileStore.supportsFileAttributeView("posix");
      try (DirectoryStream<Path> temps =
          Files.newDirectoryStream(dir, AtomicFiles.TEMP_PREFIX + "*")) {
        for (Path temp : temps) {
          if (AtomicFiles.isTempName(temp.getFileName().toString()) && abandoned(temp)) {
            LOG.log(Level.INFO, "imagestore: removing unfinished write {0}", temp);
            AtomicFiles.deleteQuietly(temp);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("imagestore.dir is not usable: " + dir, e);
    }
  }

  @Override
  public Optional<Long> putIfAbsent(String name, ObjectBytes content, Attributes attributes) {
    Path target = dir.resolve(name);
    Path temp = null;
    try {
      temp = AtomicFiles.writeTemp(dir, posix, content::writeTo);
      if (!AtomicFiles.publish(temp, target)) {
        return Optional.empty();
      }
      AtomicFiles.syncDirectory(dir);
      return Optional.of(Files.getLastModifiedTime(target).toMillis());
    } catch (IOException e) {
      // ENOSPC surfaces as a plain IOException with the system's message, not a subtype.
      if (String.valueOf(e.getMessage()).contains("No space left")) {
        throw new ImageStoreException(Failure.INSUFFICIENT_STORAGE, "the storage volume is full");
      }
      throw new UncheckedIOException(e);
    } finally {
      if (temp != null) {
        AtomicFiles.deleteQuietly(temp);
      }
    }
  }

  @Override
  public Optional<Entry> head(String name) {
    try {
      BasicFileAttributes a = Files.readAttributes(dir.resolve(name), BasicFileAttributes.class);
      if (!a.isRegularFile()) {
        return Optional.empty();
      }
      return Optional.of(
          new Entry(
              name,
              a.size(),
              a.lastModifiedTime().toInstant(),
              a.lastModifiedTime().toMillis(),
              Map.of()));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public InputStream read(String name, long offset, long length) {
    try {
      InputStream in = Files.newInputStream(dir.resolve(name));
      try {
        in.skipNBytes(offset);
        return bounded(in, length);
      } catch (IOException e) {
        in.close();
        throw e;
      }
    } catch (NoSuchFileException e) {
      throw new ImageStoreException(Failure.NOT_FOUND, "no object named " + name);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public boolean delete(String name) {
    try {
      return Files.deleteIfExists(dir.resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A folder cannot be read in name order a page at a time: the names are read and sorted first
   * (about 100 bytes each), the files' attributes then as the stream is consumed.
   */
  @Override
  public Stream<Entry> list(String prefix) {
    List<String> names = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, prefix + "*")) {
      entries.forEach(entry -> names.add(entry.getFileName().toString()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    names.sort(null);
    return names.stream().map(this::headQuietly).flatMap(Optional::stream);
  }

  /** A file deleted since the folder was read is left out, not an error. */
  private Optional<Entry> headQuietly(String name) {
    try {
      return head(name);
    } catch (UncheckedIOException e) {
      return Optional.empty();
    }
  }

  @Override
  public Optional<Volume> volume() {
    try {
      return Optional.of(
          new Volume(
              fileStore.getTotalSpace(),
              fileStore.getUnallocatedSpace(),
              fileStore.getUsableSpace()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean abandoned(Path temp) throws IOException {
    try {
      Instant modified = Files.getLastModifiedTime(temp).toInstant();
      return modified.isBefore(Instant.now().minus(ABANDONED_AFTER));
    } catch (NoSuchFileException e) {
      return false; // another server's save finished with it meanwhile
    }
  }

  /** Tried with a real file, since permissions can mislead. */
  @Override
  public Optional<String> problem() {
    try {
      AtomicFiles.deleteQuietly(AtomicFiles.writeTemp(dir, posix, out -> {}));
      return Optional.empty();
    } catch (IOException | RuntimeException e) {
      return Optional.of("the folder " + dir + " cannot be written: " + e);
    }
  }

  @Override
  public String location() {
    return dir.toString();
  }

  @Override
  public String location(String name) {
    return dir.resolve(name).toString();
  }

  private static InputStream bounded(InputStream in, long length) {
    return new FilterInputStream(in) {
      private long left = length;

      @Override
      public int read() throws IOException {
        if (left <= 0) {
          return -1;
        }
        int b = in.read();
        left -= b < 0 ? 0 : 1;
        return b;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        if (left <= 0) {
          return -1;
        }
        int n = in.read(b, off, (int) Math.min(len, left));
        left -= Math.max(n, 0);
        return n;
      }
    };
  }
}
