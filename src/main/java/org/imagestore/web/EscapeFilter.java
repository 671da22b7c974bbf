package org.imagestore.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.imagestore.api.ErrorBody;

/**
 * A URL with a malformed percent-escape ({@code %zz}, a lone {@code %}, {@code %u002e}) is 400.
 * Servers differ on it: Undertow refuses such URLs itself, while on Payara query strings reach the
 * application and their parameters were decoded leniently, {@code q=%} searching for a literal
 * percent sign. (Payara answers malformed paths itself, before any filter.)
 *
 * <p>Mapped to every request in {@code WEB-INF/web.xml}, which fixes the filters' order.
 */
public class EscapeFilter extends HttpFilter {
  private static final long serialVersionUID = 1L;

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (!wellFormed(request.getRequestURI()) || !wellFormed(request.getQueryString())) {
      ErrorBody.send(response, HttpServletResponse.SC_BAD_REQUEST, "malformed %-escape in the URL");
      return;
    }
    chain.doFilter(request, response);
  }

  /** Whether every {@code %} in a raw URL part is followed by two hex digits. */
  static boolean wellFormed(String raw) {
    if (raw == null) {
      return true;
    }
    for (int i = raw.indexOf('%'); i >= 0; i = raw.indexOf('%', i + 3)) {
      if (i + 2 >= raw.length() || !isHex(raw.charAt(i + 1)) || !isHex(raw.charAt(i + 2))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isHex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }
}
