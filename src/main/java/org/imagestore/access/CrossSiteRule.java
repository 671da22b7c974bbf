package org.imagestore.access;

import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Whether a request may change state, judged by what the browser says of where it comes from. A
 * page on any site can make a user's browser send a "simple" POST (a form, or {@code fetch} with
 * {@code text/plain}) without a CORS preflight, so the server itself must refuse it.
 *
 * <ol>
 *   <li>Safe methods (GET, HEAD, OPTIONS, TRACE) always pass: they change nothing.
 *   <li>An {@code Origin} in {@code imagestore.cors-origins} passes.
 *   <li>With {@code Sec-Fetch-Site}, which browsers send and pages cannot forge, only {@code
 *       same-origin}, {@code none} (typed by the user) and, when allowed, {@code same-site} pass.
 *   <li>Else an {@code Origin} must be the request's own.
 *   <li>A request with neither header is not from a browser page (curl, a back end): it passes.
 * </ol>
 */
public final class CrossSiteRule {
  private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

  /** What {@link #normalize} makes of anything that is not an http(s) origin; never matches. */
  static final String NO_ORIGIN = "null";

  private final Set<String> allowedOrigins;
  private final boolean allowSameSite;

  /**
   * @param allowedOrigins origins such as {@code https://chat.example.com}, as configured
   * @param allowSameSite whether {@code Sec-Fetch-Site: same-site} passes
   */
  public CrossSiteRule(Set<String> allowedOrigins, boolean allowSameSite) {
    this.allowedOrigins =
        allowedOrigins.stream().map(CrossSiteRule::normalize).collect(Collectors.toSet());
    this.allowSameSite = allowSameSite;
  }

  /** Parses {@code imagestore.cors-origins}: comma-separated origins, each checked. */
  public static Set<String> parseOrigins(String value) {
    Set<String> origins = new HashSet<>();
    for (String origin : value.split(",")) {
      if (origin.isBlank()) {
        continue;
      }
      if (normalize(origin).equals(NO_ORIGIN)) {
        throw new IllegalArgumentException(
            "imagestore.cors-origins must hold origins like https://chat.example.com, has "
                + origin.trim());
      }
      origins.add(origin.trim());
    }
    return origins;
  }

  /**
   * Why the request is refused, or empty if it may go on.
   *
   * @param ownOrigins the origins this request was addressed to (scheme and Host, as the client or
   *     the front server gave them)
   */
  public Optional<String> refusal(
      String method, String secFetchSite, String origin, Set<String> ownOrigins) {
    if (isSafe(method)) {
      return Optional.empty();
    }
    if (allows(origin)) {
      return Optional.empty();
    }
    String from = origin == null ? null : normalize(origin);
    if (secFetchSite != null) {
      return switch (secFetchSite.trim().toLowerCase(Locale.ROOT)) {
        case "same-origin", "none" -> Optional.empty();
        case "same-site" ->
            allowSameSite
                ? Optional.empty()
                : Optional.of("requests from another origin of this site may not change images");
        default -> Optional.of("requests from another site may not change images");
      };
    }
    if (from == null) {
      return Optional.empty();
    }
    if (!from.equals(NO_ORIGIN)
        && ownOrigins.stream().map(CrossSiteRule::normalize).anyMatch(from::equals)) {
      return Optional.empty();
    }
    return Optional.of("requests from another origin may not change images");
  }

  /** Whether an {@code Origin} is one of {@code imagestore.cors-origins}. */
  public boolean allows(String origin) {
    if (origin == null) {
      return false;
    }
    String from = normalize(origin);
    return !from.equals(NO_ORIGIN) && allowedOrigins.contains(from);
  }

  /** Whether any origin is allowed at all, so that answers must say they vary by Origin. */
  public boolean anyAllowed() {
    return !allowedOrigins.isEmpty();
  }

  /** Whether a method changes nothing, so that no request with it is ever refused. */
  public static boolean isSafe(String method) {
    return SAFE_METHODS.contains(method.toUpperCase(Locale.ROOT));
  }

  /**
   * {@code scheme://host[:port]} in lower case without a default port, or {@code "null"} for what
   * is not an http(s) origin (including the literal {@code null} of sandboxed pages and files).
   * Read by hand rather than by {@link java.net.URI}, which has no host for names such as {@code
   * image_store} that container networks use.
   */
  static String normalize(String origin) {
    String text = origin.trim().toLowerCase(Locale.ROOT);
    int separator = text.indexOf("://");
    String scheme = separator < 0 ? "" : text.substring(0, separator);
    String authority = text.substring(separator + 3);
    if (authority.endsWith("/")) {
      authority = authority.substring(0, authority.length() - 1);
    }
    String defaultPort = scheme.equals("https") ? ":443" : scheme.equals("http") ? ":80" : null;
    if (defaultPort == null
        || !authority.matches("[a-z0-9._~-]+(:[0-9]{1,5})?|\\[[0-9a-f:.]+](:[0-9]{1,5})?")) {
      return NO_ORIGIN;
    }
    if (authority.endsWith(defaultPort)) {
      authority = authority.substring(0, authority.length() - defaultPort.length());
    }
    return scheme + "://" + authority;
  }
}
