package org.imagestore.generate;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where the generator is ({@code imagestore.sd-url}; unset, generate is off), how long to wait for
 * it, and the limits a request must keep to before it is sent: a generation costs GPU minutes and
 * its answer is held in memory, so the service refuses what it would not store anyway.
 */
@ApplicationScoped
public class GeneratorConfig {
  @Inject
  @ConfigProperty(name = "imagestore.sd-url")
  Optional<String> sdUrl;

  @Inject
  @ConfigProperty(name = "imagestore.sd-connect-timeout-millis", defaultValue = "5000")
  long connectTimeoutMillis;

  @Inject
  @ConfigProperty(name = "imagestore.sd-timeout-millis", defaultValue = "300000")
  long readTimeoutMillis;

  @Inject
  @ConfigProperty(name = "imagestore.generate.max-width", defaultValue = "2048")
  int maxWidth;

  @Inject
  @ConfigProperty(name = "imagestore.generate.max-height", defaultValue = "2048")
  int maxHeight;

  @Inject
  @ConfigProperty(name = "imagestore.generate.max-images", defaultValue = "8")
  int maxImages;

  @Inject
  @ConfigProperty(name = "imagestore.generate.max-steps", defaultValue = "150")
  int maxSteps;

  private URI txt2img;

  /** Created with the application, so that a bad value fails the deployment, not each call. */
  void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
    // Observing the event is what creates the bean; nothing else to do.
  }

  @PostConstruct
  void init() {
    positive("imagestore.sd-connect-timeout-millis", connectTimeoutMillis);
    positive("imagestore.sd-timeout-millis", readTimeoutMillis);
    positive("imagestore.generate.max-width", maxWidth);
    positive("imagestore.generate.max-height", maxHeight);
    positive("imagestore.generate.max-images", maxImages);
    positive("imagestore.generate.max-steps", maxSteps);
    txt2img =
        sdUrl.map(String::strip).filter(url -> !url.isEmpty()).map(this::endpoint).orElse(null);
  }

  /** {@code <sd-url>/sdapi/v1/txt2img}, whether or not the URL ends in a slash or has a path. */
  private URI endpoint(String url) {
    URI base;
    try {
      base = URI.create(url.endsWith("/") ? url : url + "/");
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("imagestore.sd-url is not a URL: " + url, e);
    }
    if (!("http".equals(base.getScheme()) || "https".equals(base.getScheme()))
        || base.getHost() == null) {
      throw new IllegalStateException("imagestore.sd-url must be an http(s) URL, is " + url);
    }
    return base.resolve("sdapi/v1/txt2img");
  }

  private static void positive(String key, long value) {
    if (value <= 0) {
      throw new IllegalStateException(key + " must be positive, is " + value);
    }
  }

  /** The generator's txt2img endpoint; empty when generate is off. */
  public Optional<URI> txt2img() {
    return Optional.ofNullable(txt2img);
  }

  public long connectTimeoutMillis() {
    return connectTimeoutMillis;
  }

  public long readTimeoutMillis() {
    return readTimeoutMillis;
  }

  public int maxWidth() {
    return maxWidth;
  }

  public int maxHeight() {
    return maxHeight;
  }

  /** The most images one call may make: batch_size x n_iter. */
  public int maxImages() {
    return maxImages;
  }

  public int maxSteps() {
    return maxSteps;
  }
}
