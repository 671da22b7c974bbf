package org.imagestore.serving;

import java.util.Locale;

/**
 * How image bodies leave the server: streamed by the servlet, or handed to a front server by a
 * response header naming the file, once the servlet has decided the request may have it.
 */
public enum Offload {
  NONE(null, null),
  /** nginx: the header names a URI in an {@code internal} location over the storage folder. */
  X_ACCEL_REDIRECT("X-Accel-Redirect", "/_imagestore_files/"),
  /**
   * Apache httpd (mod_xsendfile) and lighttpd: the header names the file; by default its path on
   * this server, which the front server must be allowed to read.
   */
  X_SENDFILE("X-Sendfile", null);

  private final String header;
  private final String defaultPrefix;

  Offload(String header, String defaultPrefix) {
    this.header = header;
    this.defaultPrefix = defaultPrefix;
  }

  /** {@code none}, {@code x-accel-redirect} or {@code x-sendfile}, as in the configuration. */
  public static Offload parse(String value) {
    String wanted = value.trim().toUpperCase(Locale.ROOT).replace('-', '_');
    for (Offload offload : values()) {
      if (offload.name().equals(wanted)) {
        return offload;
      }
    }
    throw new IllegalArgumentException(
        "imagestore.offload must be none, x-accel-redirect or x-sendfile, is " + value);
  }

  public String header() {
    return header;
  }

  /** The mode's own prefix when imagestore.offload-prefix is not set; null for none. */
  String defaultPrefix() {
    return defaultPrefix;
  }
}
