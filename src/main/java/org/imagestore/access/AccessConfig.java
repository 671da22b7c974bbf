package org.imagestore.access;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Access settings from MicroProfile Config, checked at deployment. */
@ApplicationScoped
public class AccessConfig {
  @Inject
  @ConfigProperty(name = "imagestore.cors-origins")
  Optional<String> corsOrigins;

  @Inject
  @ConfigProperty(name = "imagestore.allow-same-site", defaultValue = "false")
  boolean allowSameSite;

  private CrossSiteRule crossSite;

  /** Created with the application, so that a bad value fails the deployment, not each request. */
  void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
    crossSite();
  }

  @PostConstruct
  void check() {
    crossSite =
        new CrossSiteRule(CrossSiteRule.parseOrigins(corsOrigins.orElse("")), allowSameSite);
  }

  public CrossSiteRule crossSite() {
    return crossSite;
  }
}
