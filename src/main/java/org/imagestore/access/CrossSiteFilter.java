package org.imagestore.access;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.imagestore.api.ErrorBody;

/**
 * Applies {@link CrossSiteRule} to every request before anything reads its body: 403 if refused.
 *
 * <p>Mapped to every request in {@code WEB-INF/web.xml}, which fixes the filters' order.
 */
public class CrossSiteFilter extends HttpFilter {
  private static final long serialVersionUID = 1L;

  @Inject transient AccessConfig config;

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    // Image GETs are most of the traffic: they skip the headers' parsing altogether.
    if (CrossSiteRule.isSafe(request.getMethod())) {
      chain.doFilter(request, response);
      return;
    }
    Optional<String> refusal =
        config
            .crossSite()
            .refusal(
                request.getMethod(),
                request.getHeader("Sec-Fetch-Site"),
                request.getHeader("Origin"),
                ownOrigins(request));
    if (refusal.isPresent()) {
      ErrorBody.send(response, HttpServletResponse.SC_FORBIDDEN, refusal.get());
      return;
    }
    chain.doFilter(request, response);
  }

  /**
   * The origins the request was addressed to: its scheme, or the one a front server says it
   * received ({@code X-Forwarded-Proto}), with the {@code Host} it was sent to. A page cannot set
   * either header on a request that skips the CORS preflight, so neither lets a page pass.
   */
  private static Set<String> ownOrigins(HttpServletRequest request) {
    String host = request.getHeader("Host");
    if (host == null) {
      return Set.of();
    }
    Set<String> origins = new LinkedHashSet<>();
    origins.add(request.getScheme() + "://" + host);
    String forwarded = request.getHeader("X-Forwarded-Proto");
    if (forwarded != null) {
      origins.add(forwarded.split(",")[0].trim() + "://" + host);
    }
    return origins;
  }
}
