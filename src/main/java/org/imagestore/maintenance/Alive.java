package org.imagestore.maintenance;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/** Liveness: the application answers; storage trouble is readiness, not a reason to restart. */
@Liveness
@ApplicationScoped
public class Alive implements HealthCheck {
  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.up("imagestore");
  }
}
