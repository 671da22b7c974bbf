package org.imagestore.derived;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The settings of derived images. Only the configured widths are ever made, so that nobody can fill
 * the storage with variants; bad values stop the deployment, naming the key.
 */
@ApplicationScoped
public class DerivedConfig {
  /** Wider than this is no thumbnail: the original is there for that. */
  static final int MAX_WIDTH = 4096;

  @Inject
  @ConfigProperty(name = "imagestore.thumbnail-width", defaultValue = "256")
  int thumbnailWidth;

  @Inject
  @ConfigProperty(name = "imagestore.derived-widths")
  Optional<String> derivedWidths;

  @Inject
  @ConfigProperty(name = "imagestore.thumbnail-quality", defaultValue = "0.8")
  float quality;

  @Inject
  @ConfigProperty(name = "imagestore.thumbnails", defaultValue = "lazy")
  String thumbnails;

  @Inject
  @ConfigProperty(name = "imagestore.derived-threads", defaultValue = "0")
  int threads;

  private Set<Integer> widths;
  private boolean eager;

  void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
    // created with the application, so that bad values fail the deployment
  }

  @PostConstruct
  void check() {
    requireWidth("imagestore.thumbnail-width", thumbnailWidth);
    Set<Integer> all = new TreeSet<>();
    all.add(thumbnailWidth);
    // For screens of twice the density: the gallery's srcset asks for it.
    all.add(Math.min(MAX_WIDTH, 2 * thumbnailWidth));
    for (String width : derivedWidths.orElse("").split(",")) {
      if (!width.isBlank()) {
        try {
          all.add(requireWidth("imagestore.derived-widths", Integer.parseInt(width.trim())));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(
              "imagestore.derived-widths must be comma-separated widths in pixels, not " + width);
        }
      }
    }
    widths = Set.copyOf(all);
    if (!(quality > 0 && quality <= 1)) {
      throw new IllegalArgumentException(
          "imagestore.thumbnail-quality must be over 0 and at most 1, is " + quality);
    }
    eager =
        switch (thumbnails.trim()) {
          case "lazy" -> false;
          case "eager" -> true;
          default ->
              throw new IllegalArgumentException(
                  "imagestore.thumbnails must be lazy or eager, is " + thumbnails);
        };
    if (threads < 0) {
      throw new IllegalArgumentException("imagestore.derived-threads must not be negative");
    }
  }

  private static int requireWidth(String key, int width) {
    if (width < 1 || width > MAX_WIDTH) {
      throw new IllegalArgumentException(
          key + " must be from 1 to " + MAX_WIDTH + " pixels, is " + width);
    }
    return width;
  }

  /** The width of {@code thumbnail_url}. */
  public int thumbnailWidth() {
    return thumbnailWidth;
  }

  /**
   * Every width that may be made: the thumbnail's, twice that (for 2x screens) and {@code
   * imagestore.derived-widths}.
   */
  public Set<Integer> widths() {
    return widths;
  }

  float quality() {
    return quality;
  }

  /** Whether the thumbnail is made at save, not at its first request. */
  boolean eager() {
    return eager;
  }

  /** How many derived images may be made at once: the cores, unless set. */
  int threads() {
    return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
  }

  @Override
  public String toString() {
    return "widths " + widths + ", quality " + quality + ", " + thumbnails.trim();
  }
}
