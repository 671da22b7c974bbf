package org.imagestore.it;

import java.net.URL;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The serving contract with the application server sending the image bytes itself. */
class ServeImageIT extends ServingContract {
  private static final TestStorage STORAGE = withAFileOutside(Deployments.freshStorage("serve"));

  @Deployment(testable = false)
  static WebArchive app() {
    return Deployments.war("/", STORAGE, Map.of());
  }

  @Override
  TestStorage storage() {
    return STORAGE;
  }

  @Override
  URL entryPoint(URL deployed) {
    return deployed;
  }
}
