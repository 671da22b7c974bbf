package org.imagestore.access;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;

/**
 * Every API call needs credentials when auth is on: the caller is found before the resource method
 * runs (a 401 otherwise) and recorded on the request for it. Matched resources only, so that an
 * unknown path stays a 404.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class AuthFilter implements ContainerRequestFilter {
  @Inject Authenticator authenticator;

  @Context HttpServletRequest http;

  @Override
  public void filter(ContainerRequestContext request) {
    authenticator.authenticate(http).recordOn(http);
  }
}
