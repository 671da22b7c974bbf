package org.imagestore.serving;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.imagestore.storage.StoreConfig;

/**
 * How images reach clients: through a front server ({@code imagestore.offload}) and under which
 * public URL ({@code imagestore.public-base-url}). Bad values stop the deployment, naming the key.
 */
@ApplicationScoped
public class ServingConfig {
  @Inject
  @ConfigProperty(name = "imagestore.offload", defaultValue = "none")
  String offload;

  @Inject
  @ConfigProperty(name = "imagestore.offload-prefix")
  Optional<String> offloadPrefix;

  @Inject
  @ConfigProperty(name = "imagestore.public-base-url")
  Optional<String> publicBaseUrl;

  @Inject StoreConfig store;

  private Offload resolvedOffload;
  private String resolvedPrefix;
  private String resolvedBaseUrl;

  /**
   * Observing start-up creates the bean with the application, so that a bad value fails the
   * deployment instead of the first image request; {@link #check} does the work.
   */
  void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
    // nothing more to do
  }

  @PostConstruct
  void check() {
    resolvedOffload = Offload.parse(offload);
    if (resolvedOffload != Offload.NONE && !StoreConfig.FILESYSTEM.equals(store.storage())) {
      throw new IllegalStateException(
          "imagestore.offload hands the front server a file: it needs imagestore.storage=filesystem");
    }
    resolvedPrefix = offloadPrefix(resolvedOffload, offloadPrefix, store.dir());
    resolvedBaseUrl =
        publicBaseUrl.filter(u -> !u.isBlank()).map(ServingConfig::baseUrl).orElse(null);
  }

  /**
   * What goes before the file name in the offload header: the configured prefix, else the mode's
   * own (nginx's internal location), else the storage folder's path (X-Sendfile names files).
   */
  static String offloadPrefix(Offload offload, Optional<String> configured, Path dir) {
    return withSlash(
        configured
            .filter(p -> !p.isBlank())
            .or(() -> Optional.ofNullable(offload.defaultPrefix()))
            .orElseGet(dir::toString));
  }

  static String baseUrl(String value) {
    URI uri;
    try {
      uri = URI.create(value.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("imagestore.public-base-url is not a URL: " + value, e);
    }
    boolean web = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
    if (!(web && uri.getHost() != null) && !(uri.getScheme() == null && value.startsWith("/"))) {
      throw new IllegalStateException(
          "imagestore.public-base-url must be an http(s) URL or a path starting with /, is "
              + value);
    }
    if (uri.getQuery() != null || uri.getFragment() != null) {
      throw new IllegalStateException(
          "imagestore.public-base-url must not have a query or a fragment: " + value);
    }
    return withSlash(value.trim());
  }

  private static String withSlash(String value) {
    return value.endsWith("/") ? value : value + "/";
  }

  public Offload offload() {
    return resolvedOffload;
  }

  /** The header value that hands {@code filename} to the front server. */
  public String offloadTarget(String filename) {
    return resolvedPrefix + filename;
  }

  /** Where clients fetch images when not from this application, ending in {@code /}. */
  public Optional<String> publicBaseUrl() {
    return Optional.ofNullable(resolvedBaseUrl);
  }
}
