package org.imagestore.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.MappingMatch;
import java.io.IOException;

/**
 * The static pages and scripts are {@code Cache-Control: no-cache}: a browser keeps them but asks
 * again each time, with the container's validators (ETag, Last-Modified), so a new version of the
 * WAR is seen at once and an unchanged page costs a 304.
 *
 * <p>Mapped to every request in {@code WEB-INF/web.xml}, which fixes the filters' order.
 */
public class PageCacheFilter extends HttpFilter {
  private static final long serialVersionUID = 1L;

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    // The container's default servlet sends the static files; the API and the images have their
    // own path mappings and caching rules.
    MappingMatch match = request.getHttpServletMapping().getMappingMatch();
    if (match == MappingMatch.DEFAULT || match == MappingMatch.CONTEXT_ROOT) {
      response.setHeader("Cache-Control", "no-cache");
    }
    chain.doFilter(request, response);
  }
}
