package org.imagestore.access;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Whether a request may change state, judged by what the browser says of where it comes from. A
 * page on any site can make a user's browser send a "simple" POST (a form, or {@code fetch} with
 * {@code text/plain}) without a CORS preflight, so the server itself must refuse it.
 *
 * <ol>
 *   <li>Safe methods (GET, HEAD, OPTIONS) always pass: they change nothing.
 *   <li>An {@code Origin} in {@code imagestore.cors-origins} passes.
 *   <li>With {@code Sec-Fetch-Site}, which browsers send and pages cannot forge, only {@code
 *       same-origin}, {@code none} (typed by the user) and, when allowed, {@code same-site} pass.
 *   <li>Else an {@code Origin} must be the request's own.
 *   <li>A request with neither header is not from a browser page (curl, a back end): it passes.
 * </ol>
 */
public final class CrossSiteRule {
  private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

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
    return Stream.of(value.split(","))
        .map(String::trim)
        .filter(origin -> !origin.isEmpty())
        .peek(
            origin -> {
              if (normalize(origin).equals("null")) {
                throw new IllegalArgumentException(
                    "imagestore.cors-origins must hold origins like https://chat.example.com, has "
                        + origin);
              }
            })
        .collect(Collectors.toSet());
  }

  /**
   * Why the request is refused, or empty if it may go on.
   *
   * @param ownOrigins the origins this request was addressed to (scheme and Host, as the client or
   *     the front server gave them)
   */
  public Optional<String> refusal(
      String method, String secFetchSite, String origin, Set<String> ownOrigins) {
    if (SAFE_METHODS.contains(method.toUpperCase(Locale.ROOT))) {
      return Optional.empty();
    }
    String from = origin == null ? null : normalize(origin);
    if (from != null && allowedOrigins.contains(from)) {
      return Optional.empty();
    }
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
    if (ownOrigins.stream().map(CrossSiteRule::normalize).anyMatch(from::equals)) {
      return Optional.empty();
    }
    return Optional.of("requests from another origin may not change images");
  }

  /**
   * {@code scheme://host[:port]} in lower case without a default port, or {@code null} for what is
   * not an http(s) origin (including the literal {@code null} of sandboxed pages and files).
   */
  static String normalize(String origin) {
    try {
      URI uri = new URI(origin.trim());
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      int defaultPort = scheme.equals("https") ? 443 : scheme.equals("http") ? 80 : -2;
      if (defaultPort == -2
          || uri.getHost() == null
          || uri.getRawUserInfo() != null
          || (uri.getRawPath() != null && uri.getRawPath().length() > 1)
          || uri.getRawQuery() != null
          || uri.getRawFragment() != null) {
        return "null";
      }
      int port = uri.getPort() == defaultPort ? -1 : uri.getPort();
      return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (port < 0 ? "" : ":" + port);
    } catch (java.net.URISyntaxException e) {
      return "null";
    }
  }
}
