package org.imagestore.it;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Added to a test deployment only: counts the requests the application gets for each image path, so
 * that a test can see what a front server answered alone. {@code GET /test-requests?path=...}
 * answers the count as text.
 */
@WebFilter("/*")
public class RequestCounter extends HttpFilter {
  private static final long serialVersionUID = 1L;
  private static final Map<String, AtomicInteger> COUNTS = new ConcurrentHashMap<>();

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (path.equals("/test-requests")) {
      AtomicInteger count = COUNTS.get(request.getParameter("path"));
      response.setContentType("text/plain");
      response.getWriter().print(count == null ? 0 : count.get());
      return;
    }
    if (path.startsWith("/storage/")) {
      COUNTS.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
    }
    chain.doFilter(request, response);
  }
}
