package org.imagestore.access;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Finds the {@link Caller} of an API request in the configured mode ({@code imagestore.auth}).
 * Settings are checked at deployment: a mode without its settings fails it, naming the key.
 */
@ApplicationScoped
public class Authenticator {
  private static final Logger LOG = Logger.getLogger(Authenticator.class.getName());
  private static final String BEARER = "bearer ";

  @Inject
  @ConfigProperty(name = "imagestore.auth", defaultValue = "none")
  String auth;

  @Inject
  @ConfigProperty(name = "imagestore.api-keys")
  Optional<String> apiKeys;

  @Inject
  @ConfigProperty(name = "imagestore.admins")
  Optional<String> admins;

  /** The token the server's MicroProfile JWT checked; unresolvable where it is not active. */
  @Inject Instance<JsonWebToken> token;

  private AuthMode mode;
  private ApiKeys keys;
  private Set<String> adminNames;

  void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
    LOG.log(Level.INFO, "imagestore: imagestore.auth is {0}", auth);
  }

  @PostConstruct
  void check() {
    mode = AuthMode.parse(auth);
    keys = ApiKeys.parse(apiKeys.orElse(""));
    if (mode == AuthMode.API_KEY && keys.isEmpty()) {
      throw new IllegalArgumentException("imagestore.auth=api-key needs imagestore.api-keys");
    }
    adminNames =
        Arrays.stream(admins.orElse("").split(","))
            .map(String::trim)
            .filter(name -> !name.isEmpty())
            .collect(Collectors.toUnmodifiableSet());
  }

  public AuthMode mode() {
    return mode;
  }

  /**
   * The request's caller.
   *
   * @throws AccessDenied 401 when auth is on and the credentials are missing or wrong
   */
  public Caller authenticate(HttpServletRequest request) {
    return switch (mode) {
      case NONE -> Caller.ANYONE;
      case API_KEY -> byKey(request.getHeader("Authorization"));
      case JWT -> byToken(request);
    };
  }

  private Caller byKey(String authorization) {
    String key = bearer(authorization);
    String owner =
        keys.ownerOf(key)
            .orElseThrow(() -> AccessDenied.unauthenticated("the API key is not valid", true));
    return new Caller(owner, adminNames.contains(owner));
  }

  /**
   * The server's MicroProfile JWT has checked the token (signature, issuer, expiry) before the
   * request got here, and answered 401 itself for a bad one; a principal means a valid token.
   */
  private Caller byToken(HttpServletRequest request) {
    Principal principal = request.getUserPrincipal();
    if (principal == null) {
      // No token (bearer says so), or one the server did not take.
      bearer(request.getHeader("Authorization"));
      throw AccessDenied.unauthenticated("the token is not valid", true);
    }
    JsonWebToken jwt =
        principal instanceof JsonWebToken direct
            ? direct
            : token.isResolvable() ? token.get() : null;
    String owner = jwt == null || jwt.getName() == null ? principal.getName() : jwt.getName();
    Set<String> groups = jwt == null || jwt.getGroups() == null ? Set.of() : jwt.getGroups();
    if (owner == null || owner.isBlank()) {
      throw AccessDenied.unauthenticated("the token names no user (upn or sub)", true);
    }
    if (owner.length() > Caller.MAX_OWNER_CHARS) {
      throw AccessDenied.unauthenticated(
          "the token's user name is over " + Caller.MAX_OWNER_CHARS + " characters", true);
    }
    return new Caller(owner, groups.stream().anyMatch(adminNames::contains));
  }

  /** The credentials of {@code Authorization: Bearer <credentials>}; 401 if there are none. */
  private static String bearer(String authorization) {
    if (authorization == null || authorization.isBlank()) {
      throw AccessDenied.unauthenticated("credentials required: Authorization: Bearer ...", false);
    }
    String value = authorization.trim();
    if (!value.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      throw AccessDenied.unauthenticated("the Authorization header must be Bearer", true);
    }
    return value.substring(BEARER.length()).trim();
  }
}
