package org.imagestore.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * One test class's storage as the test sees it, not through the service: a folder, or a prefix in
 * the test bucket read and written with the AWS SDK. The same test then checks what is really
 * stored on either back end.
 */
public abstract class TestStorage {
  /** The settings that point a deployment at this storage. */
  public abstract Map<String, String> settings();

  /** The names stored at the top level, sorted. */
  public abstract List<String> names();

  public abstract boolean exists(String name);

  public abstract byte[] read(String name);

  public abstract void write(String name, byte[] bytes);

  public abstract void delete(String name);

  /**
   * Makes a rewritten object look changed to the service: a folder's reconciliation compares
   * modification times, which may not move within a second; a bucket's compares ETags.
   */
  public abstract void markChanged(String name);

  /** Writes an object beside this storage but outside it: a sibling folder, another prefix. */
  public abstract void writeBeside(String name, byte[] bytes);

  public abstract boolean existsBeside(String name);

  /** Where the service says an object is with {@code imagestore.expose-path}. */
  public abstract String location(String name);

  /** The folder itself, for tests about local files. */
  public abstract Path folder();

  public String readString(String name) {
    return new String(read(name), StandardCharsets.UTF_8);
  }

  public JsonObject readJson(String name) {
    return Json.createReader(new StringReader(readString(name))).readObject();
  }

  public void writeString(String name, String text) {
    write(name, text.getBytes(StandardCharsets.UTF_8));
  }

  /** The image names (not sidecars) stored. */
  public List<String> images() {
    return names().stream().filter(name -> name.endsWith(".png")).toList();
  }

  /** Total bytes of the stored images (not sidecars). */
  public long imageBytes() {
    return images().stream().mapToLong(name -> read(name).length).sum();
  }

  /** Writes an image as the seed's Python back end did: no suffix, naive created_at. */
  public void writeSeedImage(String stamp, byte[] png, String prompt) {
    String name = "generated_" + stamp;
    write(name + ".png", png);
    String created =
        LocalDateTime.parse(stamp, DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss")) + ".000000";
    writeString(
        name + ".json",
        Json.createObjectBuilder()
            .add("filename", name + ".png")
            .add("created_at", created)
            .add("metadata", Json.createObjectBuilder().add("prompt", prompt))
            .build()
            .toString());
  }
}
