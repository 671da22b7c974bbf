package org.imagestore.access;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * CORS for the origins in {@code imagestore.cors-origins}, so that a chat page on another origin
 * can call the API and read image bytes: a preflight from such an origin is answered here; other
 * requests from it get {@code Access-Control-Allow-Origin}. An origin not listed gets no CORS
 * header at all, so its browser keeps the answer from the page. With any origin listed, every
 * answer says {@code Vary: Origin}, so that no cache hands one origin's answer to another.
 *
 * <p>No credentials mode: the API's credentials are an {@code Authorization} header, never a
 * cookie. Mapped for errors too, so that a 401 from the server's JWT check can be read by the page.
 */
public class CorsFilter extends HttpFilter {
  private static final long serialVersionUID = 1L;

  static final String METHODS = "GET, HEAD, POST, DELETE";
  static final String HEADERS =
      "Authorization, Content-Type, If-None-Match, Range, X-Image-Metadata";
  static final String EXPOSED = "ETag, Location, Retry-After, WWW-Authenticate, Content-Range";

  /** How long a browser may keep a preflight's answer, in seconds. */
  static final String MAX_AGE = "600";

  @Inject transient AccessConfig config;

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    CrossSiteRule rule = config.crossSite();
    if (!rule.anyAllowed()) {
      chain.doFilter(request, response);
      return;
    }
    response.addHeader("Vary", "Origin");
    String origin = request.getHeader("Origin");
    if (!rule.allows(origin)) {
      chain.doFilter(request, response);
      return;
    }
    response.setHeader("Access-Control-Allow-Origin", origin);
    if ("OPTIONS".equals(request.getMethod())
        && request.getHeader("Access-Control-Request-Method") != null) {
      response.setHeader("Access-Control-Allow-Methods", METHODS);
      response.setHeader("Access-Control-Allow-Headers", HEADERS);
      response.setHeader("Access-Control-Max-Age", MAX_AGE);
      response.setStatus(HttpServletResponse.SC_NO_CONTENT);
      return;
    }
    response.setHeader("Access-Control-Expose-Headers", EXPOSED);
    chain.doFilter(request, response);
  }
}
