package org.imagestore.it;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** A storage folder under {@code target/it-storage}. */
final class FolderStorage extends TestStorage {
  private final Path dir;

  /** A fresh, empty folder. */
  FolderStorage(Path dir) {
    this.dir = dir;
    deleteTree(dir);
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The folder itself, for settings that name one. */
  Path dir() {
    return dir;
  }

  @Override
  public Map<String, String> settings() {
    return Map.of("imagestore.dir", dir.toString());
  }

  @Override
  public List<String> names() {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public boolean exists(String name) {
    return Files.exists(dir.resolve(name));
  }

  @Override
  public byte[] read(String name) {
    try {
      return Files.readAllBytes(dir.resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void write(String name, byte[] bytes) {
    try {
      Files.write(dir.resolve(name), bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void delete(String name) {
    try {
      Files.delete(dir.resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void markChanged(String name) {
    try {
      Files.setLastModifiedTime(dir.resolve(name), FileTime.from(Instant.now().plusSeconds(5)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void writeBeside(String name, byte[] bytes) {
    try {
      Files.write(dir.resolveSibling(name), bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public boolean existsBeside(String name) {
    return Files.exists(dir.resolveSibling(name));
  }

  @Override
  public String location(String name) {
    return dir.resolve(name).toString();
  }

  @Override
  public Path folder() {
    return dir;
  }

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
