package org.imagestore.access;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.imagestore.storage.Scope;

/**
 * Who makes an API request, as {@link AuthFilter} found: an owner, and whether an admin. With auth
 * off, {@link #ANYONE}: no owner, and every image in scope, as before owners existed.
 */
public record Caller(String owner, boolean admin) {
  public static final Caller ANYONE = new Caller(null, true);

  /** The longest owner name: the index keeps owners in 255 characters, the sidecar in full. */
  public static final int MAX_OWNER_CHARS = 255;

  private static final String ATTRIBUTE = Caller.class.getName();

  /** The caller {@link AuthFilter} recorded on the request; a request without one is refused. */
  public static Caller of(HttpServletRequest request) {
    return find(request)
        .orElseThrow(() -> AccessDenied.unauthenticated("credentials required", false));
  }

  /** The recorded caller, if the request got that far. */
  public static Optional<Caller> find(HttpServletRequest request) {
    return request.getAttribute(ATTRIBUTE) instanceof Caller caller
        ? Optional.of(caller)
        : Optional.empty();
  }

  void recordOn(HttpServletRequest request) {
    request.setAttribute(ATTRIBUTE, this);
  }

  /** The images this caller lists and deletes: their own, or everyone's for an admin. */
  public Scope scope() {
    return admin ? Scope.EVERYONE : Scope.of(owner);
  }

  /** Refuses (403) a call that only admins may make. */
  public void requireAdmin(String what) {
    if (!admin) {
      throw AccessDenied.forbidden(what + " is for admins (imagestore.admins) only");
    }
  }
}
