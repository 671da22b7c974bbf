package org.imagestore.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Pairing images with sidecars from a listing in name order, and reading entries from it. */
class ImageListingTest {
  /** Objects in memory, listed in name order as both back ends list them; version = size. */
  private static final class Objects implements ObjectStore {
    final TreeMap<String, byte[]> objects = new TreeMap<>();

    Objects with(String name, byte[] bytes) {
      objects.put(name, bytes);
      return this;
    }

    Objects with(String name, String text) {
      return with(name, text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public Optional<Long> putIfAbsent(String name, ObjectBytes content, Attributes attributes) {
      try {
        byte[] bytes = content.stream().readAllBytes();
        return objects.putIfAbsent(name, bytes) == null
            ? Optional.of((long) bytes.length)
            : Optional.empty();
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }

    @Override
    public Optional<Entry> head(String name) {
      return Optional.ofNullable(objects.get(name)).map(b -> entry(name, b));
    }

    @Override
    public InputStream read(String name, long offset, long length) {
      byte[] bytes = objects.get(name);
      if (bytes == null) {
        throw new ImageStoreException(Failure.NOT_FOUND, name);
      }
      int from = (int) Math.min(offset, bytes.length);
      int to = (int) Math.min(bytes.length, offset + length);
      return new ByteArrayInputStream(Arrays.copyOfRange(bytes, from, to));
    }

    @Override
    public boolean delete(String name) {
      return objects.remove(name) != null;
    }

    @Override
    public Stream<Entry> list(String prefix) {
      return new TreeMap<>(objects)
          .entrySet().stream()
              .filter(e -> e.getKey().startsWith(prefix))
              .map(e -> entry(e.getKey(), e.getValue()));
    }

    private static Entry entry(String name, byte[] bytes) {
      return new Entry(name, bytes.length, Instant.EPOCH, bytes.length, Map.of());
    }

    @Override
    public Optional<Volume> volume() {
      return Optional.empty();
    }

    @Override
    public Optional<String> problem() {
      return Optional.empty();
    }

    @Override
    public String location() {
      return "memory";
    }

    @Override
    public String location(String name) {
      return name;
    }
  }

  private static List<String> listed(Objects objects) {
    List<String> listed = new ArrayList<>();
    new ImageListing(objects, ZoneOffset.UTC)
        .forEach(
            image ->
                listed.add(
                    image.name()
                        + " "
                        + image.state().imageVersion()
                        + " "
                        + image.state().sidecarVersion()));
    return listed;
  }

  @Test
  void eachImageIsPairedWithItsOwnSidecarOnly() {
    byte[] png = TestPngs.grey(3, 2);
    Objects objects =
        new Objects()
            .with("generated_20250101_000000.json", "{}")
            .with("generated_20250101_000000.json.bak", "an editor's backup in between")
            .with("generated_20250101_000000.k.json", "another file in between")
            .with("generated_20250101_000000.png", png)
            .with("generated_20250101_000000_a.json", "{\"orphan\": 1}")
            .with("generated_20250101_000000_b.png", png)
            .with("generated_notes.txt", "not an image")
            .with("notes.txt", "not listed at all");
    assertEquals(
        List.of(
            "generated_20250101_000000.png " + png.length + " 2",
            "generated_20250101_000000_b.png " + png.length + " -1"),
        listed(objects));
  }

  @Test
  void anImageWithoutASidecarTakesItsTimeFromItsNameAndItsSizeFromItsHeader() {
    byte[] png = TestPngs.grey(7, 5);
    Objects objects = new Objects().with("generated_20250102_030405.png", png);
    ImageListing listing = new ImageListing(objects, ZoneOffset.UTC);
    List<StoredImage> read = new ArrayList<>();
    listing.forEach(image -> listing.read(image).ifPresent(read::add));
    assertEquals(1, read.size());
    StoredImage image = read.get(0);
    assertEquals("2025-01-02T03:04:05Z", image.createdAt().toString());
    assertEquals(7, image.width());
    assertEquals(5, image.height());
    assertEquals(png.length, image.size());
  }

  @Test
  void anImageDeletedBetweenListingAndReadingIsLeftOut() {
    Objects objects = new Objects().with("generated_20250102_030405.png", TestPngs.grey(2, 2));
    ImageListing listing = new ImageListing(objects, ZoneOffset.UTC);
    List<Optional<StoredImage>> read = new ArrayList<>();
    listing.forEach(
        image -> {
          objects.delete(image.name());
          read.add(listing.read(image));
        });
    assertEquals(List.of(Optional.empty()), read);
  }
}
