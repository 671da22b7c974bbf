package org.imagestore.serving;

import jakarta.servlet.http.HttpServletRequest;
import org.imagestore.storage.ImageContent;

/**
 * A stored image's validators (a strong ETag from its SHA-256, Last-Modified to the second) and the
 * conditional request headers evaluated against them, in RFC 9110's order.
 */
final class Validators {
  private final String etag;
  private final long lastModified;

  Validators(ImageContent content) {
    this.etag = '"' + content.sha256() + '"';
    this.lastModified = content.lastModified().toEpochMilli() / 1000 * 1000;
  }

  String etag() {
    return etag;
  }

  long lastModified() {
    return lastModified;
  }

  /** If-Match, else If-Unmodified-Since: false means 412. */
  boolean preconditionsHold(HttpServletRequest request) {
    String ifMatch = request.getHeader("If-Match");
    if (ifMatch != null) {
      return anyTagMatches(ifMatch, false);
    }
    long since = date(request, "If-Unmodified-Since");
    return since < 0 || lastModified <= since;
  }

  /** If-None-Match, else If-Modified-Since: true means 304. */
  boolean notModified(HttpServletRequest request) {
    String ifNoneMatch = request.getHeader("If-None-Match");
    if (ifNoneMatch != null) {
      return anyTagMatches(ifNoneMatch, true);
    }
    long since = date(request, "If-Modified-Since");
    return since >= 0 && lastModified <= since;
  }

  /** If-Range: a Range applies only while the client's copy is still this one. */
  boolean rangeApplies(HttpServletRequest request) {
    String ifRange = request.getHeader("If-Range");
    if (ifRange == null) {
      return true;
    }
    if (ifRange.trim().startsWith("\"")) {
      return ifRange.trim().equals(etag);
    }
    return date(request, "If-Range") == lastModified;
  }

  private boolean anyTagMatches(String header, boolean weak) {
    for (String tag : header.split(",")) {
      String t = tag.trim();
      if (t.equals("*")) {
        return true;
      }
      if (weak && t.startsWith("W/")) {
        t = t.substring(2);
      }
      if (t.equals(etag)) {
        return true;
      }
    }
    return false;
  }

  /** A date header, or -1 if it is absent or not a valid HTTP date (which RFC 9110 ignores). */
  private static long date(HttpServletRequest request, String name) {
    try {
      return request.getDateHeader(name);
    } catch (IllegalArgumentException e) {
      return -1;
    }
  }
}
