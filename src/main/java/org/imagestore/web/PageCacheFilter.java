package org.imagestore.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.imagestore.api.RestApplication;
import org.imagestore.serving.ImageServlet;

/**
 * The static pages and scripts are {@code Cache-Control: no-cache}: a browser keeps them but asks
 * again each time, with the container's validators (ETag, Last-Modified), so a new version of the
 * WAR is seen at once and an unchanged page costs a 304.
 */
@WebFilter(filterName = "page-cache", urlPatterns = "/*")
public class PageCacheFilter extends HttpFilter {
  private static final long serialVersionUID = 1L;

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (!path.startsWith(RestApplication.PATH + "/") && !path.startsWith(ImageServlet.PREFIX)) {
      response.setHeader("Cache-Control", "no-cache");
    }
    chain.doFilter(request, response);
  }
}
