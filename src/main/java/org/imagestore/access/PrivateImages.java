package org.imagestore.access;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code imagestore.private-images}: image GETs need a signed URL that expires, which the API hands
 * out ({@code ?expires=<epoch seconds>&sig=<signature>}). Off, image URLs are plain and public.
 */
@ApplicationScoped
public class PrivateImages {
  /** A key shorter than this is a password, not a secret. */
  static final int MIN_KEY_CHARS = 32;

  /** Expiries are rounded up to this many seconds at most, so that URLs repeat for a while. */
  private static final long MAX_ROUNDING_SECONDS = 300;

  @Inject
  @ConfigProperty(name = "imagestore.private-images", defaultValue = "false")
  boolean enabled;

  @Inject
  @ConfigProperty(name = "imagestore.url-signing-keys")
  Optional<String> signingKeys;

  @Inject
  @ConfigProperty(name = "imagestore.signed-url-seconds", defaultValue = "3600")
  long validSeconds;

  /** A CDN or static host serves whatever it has to anyone: it cannot check signatures. */
  @Inject
  @ConfigProperty(name = "imagestore.public-base-url")
  Optional<String> publicBaseUrl;

  private UrlSignature signature;

  Clock clock = Clock.systemUTC();

  void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
    // created with the application, so that missing keys fail the deployment
  }

  @PostConstruct
  void check() {
    if (!enabled) {
      return;
    }
    List<String> keys =
        Arrays.stream(signingKeys.orElse("").split(","))
            .map(String::trim)
            .filter(key -> !key.isEmpty())
            .toList();
    if (keys.isEmpty() || keys.stream().anyMatch(key -> key.length() < MIN_KEY_CHARS)) {
      throw new IllegalArgumentException(
          "imagestore.private-images=true needs imagestore.url-signing-keys: comma-separated keys"
              + " of at least "
              + MIN_KEY_CHARS
              + " characters");
    }
    if (publicBaseUrl.filter(base -> !base.isBlank()).isPresent()) {
      throw new IllegalArgumentException(
          "imagestore.private-images=true cannot be used with imagestore.public-base-url: what"
              + " serves the images there does not check signed URLs");
    }
    if (validSeconds < 1) {
      throw new IllegalArgumentException("imagestore.signed-url-seconds must be at least 1");
    }
    signature = new UrlSignature(keys);
  }

  public boolean enabled() {
    return enabled;
  }

  /**
   * The query that makes an image's URL work: valid at least {@code imagestore.signed-url-seconds},
   * its expiry rounded up (by a tenth of that, five minutes at most), so that one image has the
   * same URL for a while and browsers can cache it.
   */
  public String query(String filename) {
    long rounding = Math.max(1, Math.min(MAX_ROUNDING_SECONDS, validSeconds / 10));
    long earliest = clock.instant().getEpochSecond() + validSeconds;
    long expires = (earliest + rounding - 1) / rounding * rounding;
    return "expires=" + expires + "&sig=" + signature.sign(filename, expires);
  }

  /** Why a GET of an image may not have it, or empty: a valid signature that has not expired. */
  public Optional<String> refusal(String filename, String expires, String sig) {
    if (expires == null || sig == null) {
      return Optional.of("this image needs a signed URL (expires and sig) from the API");
    }
    long expiry;
    try {
      expiry = Long.parseLong(expires);
    } catch (NumberFormatException e) {
      return Optional.of("expires must be seconds since the epoch");
    }
    if (!signature.verifies(filename, expiry, sig)) {
      return Optional.of("the URL's signature is not valid");
    }
    if (secondsLeft(expiry) <= 0) {
      return Optional.of("the signed URL has expired");
    }
    return Optional.empty();
  }

  /** How long a valid URL with this expiry may still be used, for its caching. */
  public long secondsLeft(long expiry) {
    return expiry - clock.instant().getEpochSecond();
  }
}
