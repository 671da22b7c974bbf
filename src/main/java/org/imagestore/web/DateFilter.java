package org.imagestore.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Sets {@code Date}, which RFC 9110 asks of every origin server with a clock and caches need to age
 * a response. Payara's Grizzly drops the one it adds itself once a response is committed (and has
 * no setting for it); WildFly's Undertow keeps the one set here instead of adding a second.
 *
 * <p>Mapped to every request in {@code WEB-INF/web.xml}, which fixes the filters' order.
 */
public class DateFilter extends HttpFilter {
  private static final long serialVersionUID = 1L;

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    response.setDateHeader("Date", System.currentTimeMillis());
    chain.doFilter(request, response);
  }
}
