package org.imagestore.client;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;

/**
 * Sends {@code Authorization: Bearer <key or JWT>} with every call, for a server with {@code
 * imagestore.auth} on. Register it on a {@code RestClientBuilder}, or use {@link
 * ImageStoreClient#connect(java.net.URI, String)}.
 */
public final class BearerToken implements ClientRequestFilter {
  private final String token;

  public BearerToken(String token) {
    if (token == null || token.isBlank()) {
      throw new IllegalArgumentException("a bearer token must not be empty");
    }
    this.token = token;
  }

  @Override
  public void filter(ClientRequestContext request) {
    request.getHeaders().putSingle(HttpHeaders.AUTHORIZATION, "Bearer " + token);
  }
}
