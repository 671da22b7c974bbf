package org.imagestore.generate;

import static org.imagestore.generate.GeneratorFailure.badAnswer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.imagestore.storage.ImageStore;
import org.imagestore.storage.ImageStoreException;
import org.imagestore.storage.PngVerifier;
import org.imagestore.storage.SaveOutcome;
import org.imagestore.storage.Scope;
import org.imagestore.storage.StoredImage;

/**
 * Stores a call's images whole or not at all: every image is checked first, so that a bad one
 * stores nothing; a store failure part-way (disk full) deletes what this call already stored.
 */
@ApplicationScoped
public class BatchStore {
  private static final Logger LOG = Logger.getLogger(BatchStore.class.getName());

  @Inject ImageStore store;

  /**
   * @param owner who asked, recorded with each image; null with auth off
   * @throws ImageStoreException 502 for an image the store would refuse (the generator's fault),
   *     else the store's own refusal
   */
  public List<SaveOutcome> saveAll(List<GeneratedImage> images, String owner) {
    for (int i = 0; i < images.size(); i++) {
      try {
        PngVerifier.verify(images.get(i).png(), store.config().maxPixels());
      } catch (ImageStoreException e) {
        throw badAnswer("has image " + i + " that is not a PNG the store takes: " + e.getMessage());
      }
    }
    List<SaveOutcome> stored = new ArrayList<>(images.size());
    try {
      for (GeneratedImage image : images) {
        stored.add(store.save(image.png(), image.metadata(), owner));
      }
    } catch (RuntimeException e) {
      // A duplicate (imagestore.dedup) was stored before this call: it stays.
      stored.stream()
          .filter(outcome -> !outcome.duplicate())
          .forEach(outcome -> deleteQuietly(outcome.image()));
      throw e;
    }
    return stored;
  }

  /**
   * Undoing a part-stored batch; an image that stays is logged, the caller's error still stands.
   */
  private void deleteQuietly(StoredImage image) {
    try {
      store.delete(image.filename(), Scope.EVERYONE);
    } catch (RuntimeException e) {
      LOG.log(
          Level.WARNING,
          "imagestore: could not delete {0} of a failed generate: {1}",
          new Object[] {image.filename(), e});
    }
  }
}
