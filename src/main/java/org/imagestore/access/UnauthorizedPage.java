package org.imagestore.access;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.imagestore.api.ErrorBody;

/**
 * The contract's 401 for what the server itself refuses before imagestore sees the request: a JWT
 * that its MicroProfile JWT does not take (bad signature, issuer, expiry). {@code WEB-INF/web.xml}
 * makes this the error page of every 401; imagestore's own 401s are answers, not errors.
 */
@WebServlet(name = "unauthorized", urlPatterns = UnauthorizedPage.PATH)
public class UnauthorizedPage extends HttpServlet {
  private static final long serialVersionUID = 1L;

  static final String PATH = "/errors/unauthorized";

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    response.setHeader("WWW-Authenticate", AccessDenied.challenge(true));
    ErrorBody.send(response, HttpServletResponse.SC_UNAUTHORIZED, "the token is not valid");
  }
}
