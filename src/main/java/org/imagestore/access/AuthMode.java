package org.imagestore.access;

import java.util.Locale;

/** {@code imagestore.auth}: who may call the API. */
public enum AuthMode {
  /** Anyone who can reach the service, as the seed's front end expects; images have no owner. */
  NONE,
  /** {@code Authorization: Bearer <key>}, keys from {@code imagestore.api-keys}. */
  API_KEY,
  /** {@code Authorization: Bearer <JWT>}, checked by the server's MicroProfile JWT. */
  JWT;

  static AuthMode parse(String value) {
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "none" -> NONE;
      case "api-key" -> API_KEY;
      case "jwt" -> JWT;
      default ->
          throw new IllegalArgumentException(
              "imagestore.auth must be none, api-key or jwt, not " + value);
    };
  }
}
