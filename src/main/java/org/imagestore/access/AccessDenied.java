package org.imagestore.access;

/**
 * A request refused for who makes it: 401 without valid credentials (answered with a {@code
 * WWW-Authenticate: Bearer} challenge), 403 for a call the caller may not make.
 */
public class AccessDenied extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final boolean invalidToken;

  private AccessDenied(int status, String message, boolean invalidToken) {
    super(message);
    this.status = status;
    this.invalidToken = invalidToken;
  }

  /**
   * @param invalidToken whether credentials were sent and are wrong (RFC 6750's {@code
   *     invalid_token}), rather than missing
   */
  static AccessDenied unauthenticated(String message, boolean invalidToken) {
    return new AccessDenied(401, message, invalidToken);
  }

  static AccessDenied forbidden(String message) {
    return new AccessDenied(403, message, false);
  }

  public int status() {
    return status;
  }

  /** The {@code WWW-Authenticate} value of a 401; null for a 403. */
  public String challenge() {
    return status == 401 ? challenge(invalidToken) : null;
  }

  /** The one place that words the Bearer challenge (RFC 6750), for JAX-RS and the servlet side. */
  public static String challenge(boolean invalidToken) {
    return invalidToken
        ? "Bearer realm=\"imagestore\", error=\"invalid_token\""
        : "Bearer realm=\"imagestore\"";
  }
}
