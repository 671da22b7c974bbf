package org.imagestore.storage;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The store's settings, from MicroProfile Config: system properties, {@code IMAGESTORE_*}
 * environment variables, or the server's own config sources. Bad values stop the deployment with a
 * message naming the key, rather than surfacing later as failed requests.
 */
@ApplicationScoped
public class StoreConfig {
  /** The values of {@code imagestore.storage}: each is the {@code @Named} of an ObjectStore. */
  public static final String FILESYSTEM = "filesystem";

  public static final String S3 = "s3";

  private static final List<String> STORAGE_BACK_ENDS = List.of(FILESYSTEM, S3);

  @Inject
  @ConfigProperty(name = "imagestore.storage", defaultValue = FILESYSTEM)
  String storage;

  @Inject
  @ConfigProperty(name = "imagestore.dir")
  Optional<String> dir;

  @Inject
  @ConfigProperty(name = "imagestore.max-image-bytes", defaultValue = "20971520")
  long maxImageBytes;

  @Inject
  @ConfigProperty(name = "imagestore.max-pixels", defaultValue = "100000000")
  long maxPixels;

  @Inject
  @ConfigProperty(name = "imagestore.min-free-bytes", defaultValue = "536870912")
  long minFreeBytes;

  @Inject
  @ConfigProperty(name = "imagestore.cache-max-age", defaultValue = "31536000")
  long cacheMaxAge;

  @Inject
  @ConfigProperty(name = "imagestore.zone")
  Optional<String> zone;

  @Inject
  @ConfigProperty(name = "imagestore.expose-path", defaultValue = "false")
  boolean exposePath;

  @Inject
  @ConfigProperty(name = "imagestore.recompress", defaultValue = "none")
  String recompress;

  @Inject
  @ConfigProperty(name = "imagestore.upload-dir")
  Optional<String> uploadDir;

  @Inject
  @ConfigProperty(name = "imagestore.dedup", defaultValue = "false")
  boolean dedup;

  @Inject
  @ConfigProperty(name = "imagestore.embed-parameters", defaultValue = "false")
  boolean embedParameters;

  @Inject
  @ConfigProperty(name = "imagestore.retention-days", defaultValue = "0")
  long retentionDays;

  @Inject
  @ConfigProperty(name = "imagestore.max-total-bytes", defaultValue = "0")
  long maxTotalBytes;

  @Inject
  @ConfigProperty(name = "imagestore.maintenance-interval-seconds", defaultValue = "3600")
  long maintenanceIntervalSeconds;

  @Inject
  @ConfigProperty(name = "imagestore.lease-seconds", defaultValue = "60")
  long leaseSeconds;

  private Path resolvedDir;
  private ZoneId resolvedZone;

  @PostConstruct
  void check() {
    if (!STORAGE_BACK_ENDS.contains(storage.trim())) {
      throw new IllegalStateException(
          "imagestore.storage must be one of " + STORAGE_BACK_ENDS + ", is " + storage);
    }
    if (!List.of("none", "lossless").contains(recompress.trim())) {
      throw new IllegalStateException(
          "imagestore.recompress must be none or lossless, is " + recompress);
    }
    positive("imagestore.max-image-bytes", maxImageBytes);
    positive("imagestore.max-pixels", maxPixels);
    notNegative("imagestore.min-free-bytes", minFreeBytes);
    notNegative("imagestore.cache-max-age", cacheMaxAge);
    notNegative("imagestore.retention-days", retentionDays);
    notNegative("imagestore.max-total-bytes", maxTotalBytes);
    positive("imagestore.maintenance-interval-seconds", maintenanceIntervalSeconds);
    positive("imagestore.lease-seconds", leaseSeconds);
    resolvedDir =
        Path.of(dir.filter(d -> !d.isBlank()).orElse(defaultDir())).toAbsolutePath().normalize();
    try {
      resolvedZone = zone.filter(z -> !z.isBlank()).map(ZoneId::of).orElse(ZoneId.systemDefault());
    } catch (RuntimeException e) {
      throw new IllegalStateException("imagestore.zone is not a time zone: " + zone.get(), e);
    }
  }

  /** Works out of the box on any server: a folder in the home of the user running it. */
  private static String defaultDir() {
    return Path.of(System.getProperty("user.home"), "imagestore-images").toString();
  }

  private static void positive(String key, long value) {
    if (value <= 0) {
      throw new IllegalStateException(key + " must be positive, is " + value);
    }
  }

  private static void notNegative(String key, long value) {
    if (value < 0) {
      throw new IllegalStateException(key + " must not be negative, is " + value);
    }
  }

  /** Which back end holds the bytes: {@code filesystem} or {@code s3}. */
  public String storage() {
    return storage.trim();
  }

  /** The folder of the {@code filesystem} back end. */
  public Path dir() {
    return resolvedDir;
  }

  public long maxImageBytes() {
    return maxImageBytes;
  }

  /**
   * {@code imagestore.recompress=lossless}: saves store the PNG deflated again when that is
   * smaller, pixels and text chunks unchanged; {@code none} (the default) stores the bytes as
   * uploaded.
   */
  public boolean recompressLossless() {
    return "lossless".equals(recompress.trim());
  }

  /** Where raw and multipart uploads wait while they are verified: the JVM's temp folder. */
  public Path uploadDir() {
    return Path.of(
        uploadDir.filter(d -> !d.isBlank()).orElse(System.getProperty("java.io.tmpdir")));
  }

  /**
   * {@code imagestore.dedup}: a save of bytes already stored (in the caller's scope) answers the
   * image there and writes nothing.
   */
  public boolean dedup() {
    return dedup;
  }

  /**
   * {@code imagestore.embed-parameters}: a PNG without A1111's {@code parameters} chunk gets one
   * made from its metadata, so the stored file carries its recipe (and differs from the upload).
   */
  public boolean embedParameters() {
    return embedParameters;
  }

  public long maxPixels() {
    return maxPixels;
  }

  public long minFreeBytes() {
    return minFreeBytes;
  }

  public long cacheMaxAge() {
    return cacheMaxAge;
  }

  public ZoneId zone() {
    return resolvedZone;
  }

  public boolean exposePath() {
    return exposePath;
  }

  /** Images older than this many days are deleted; 0 keeps them forever. */
  public long retentionDays() {
    return retentionDays;
  }

  /** The oldest images are deleted while the total is over this; 0 means no quota. */
  public long maxTotalBytes() {
    return maxTotalBytes;
  }

  public long maintenanceIntervalSeconds() {
    return maintenanceIntervalSeconds;
  }

  /**
   * How long a server holds the maintenance lease without renewing it: a server that dies holding
   * it blocks maintenance on the others this long.
   */
  public long leaseSeconds() {
    return leaseSeconds;
  }
}
