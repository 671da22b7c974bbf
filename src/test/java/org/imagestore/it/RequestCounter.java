package org.imagestore.it;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.client.Client;
import java.io.IOException;
import java.net.URL;
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

  /** What the deployment at {@code application} counted for {@code path}, asked over HTTP. */
  static int requestsFor(Client client, URL application, String path) {
    return Integer.parseInt(
        client
            .target(application + "test-requests")
            .queryParam("path", path)
            .request()
            .get(String.class)
            .trim());
  }

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
