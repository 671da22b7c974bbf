package org.imagestore.api;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

@ApplicationPath(RestApplication.PATH)
public class RestApplication extends Application {
  /** Where the JSON API lives, below the context root. */
  public static final String PATH = "/api";
}
