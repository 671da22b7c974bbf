package org.imagestore.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/** {@code imagestore.thumbnails=eager}: the thumbnail is stored before save-image answers. */
class EagerThumbnailIT extends ImageStoreTestBase {
  private static final TestStorage STORAGE = Deployments.freshStorage("eager-thumbnails");

  @Deployment(testable = false)
  static WebArchive app() {
    return Deployments.war("/eager", STORAGE, Map.of("imagestore.thumbnails", "eager"));
  }

  @Test
  void theThumbnailIsStoredWithTheSave() {
    String name = images.save(Pngs.realistic(600, 400, 1), null).filename();
    assertTrue(STORAGE.exists("derived_256_" + name + ".webp"), STORAGE.names()::toString);
    assertEquals(1, images.stats().derivedCount());
  }
}
