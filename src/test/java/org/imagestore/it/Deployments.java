package org.imagestore.it;

import java.io.File;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The WAR the build produced, as an admin would deploy it, with settings in its MicroProfile Config
 * file and, when asked, another context root.
 */
public final class Deployments {
  private static final Path BUILT_WAR = Path.of("target", "imagestore.war");
  private static final Path STORAGE_ROOT = Path.of("target", "it-storage").toAbsolutePath();

  private Deployments() {}

  /**
   * Fresh, empty storage for one test class: a folder, or in the {@code s3} run a prefix {@code
   * <name>/} in the test bucket.
   */
  public static TestStorage freshStorage(String name) {
    return S3Session.active()
        ? new BucketStorage(BucketStorage.BUCKET, name + "/")
        : new FolderStorage(STORAGE_ROOT.resolve(name));
  }

  /** A fresh, empty folder, whatever the run: for tests about local files. */
  public static TestStorage freshFolder(String name) {
    return new FolderStorage(STORAGE_ROOT.resolve(name));
  }

  /** The folder that holds every test's storage folder, for files that must never be touched. */
  public static Path storageRoot() {
    return STORAGE_ROOT;
  }

  public static WebArchive war(
      String contextRoot, TestStorage storage, Map<String, String> settings) {
    return war("imagestore.war", contextRoot, storage, settings);
  }

  /** The same, under another archive name, for a class with more than one deployment. */
  public static WebArchive war(
      String archiveName, String contextRoot, TestStorage storage, Map<String, String> settings) {
    WebArchive war =
        ShrinkWrap.create(ZipImporter.class, archiveName)
            .importFrom(new File(BUILT_WAR.toString()))
            .as(WebArchive.class);
    Map<String, String> config = new TreeMap<>(storage.settings());
    config.putAll(settings);
    StringBuilder properties = new StringBuilder();
    config.forEach((key, value) -> properties.append(key).append('=').append(value).append('\n'));
    war.addAsResource(
        new StringAsset(properties.toString()), "META-INF/microprofile-config.properties");
    if (!"/".equals(contextRoot)) {
      setContextRoot(war, "jboss-web.xml", "jboss-web", contextRoot);
      setContextRoot(war, "glassfish-web.xml", "glassfish-web-app", contextRoot);
    }
    return war;
  }

  /** WildFly reads the context root from jboss-web.xml, Payara from glassfish-web.xml. */
  private static void setContextRoot(
      WebArchive war, String descriptor, String rootElement, String contextRoot) {
    war.delete("WEB-INF/" + descriptor);
    war.addAsWebInfResource(
        new StringAsset(
            "<"
                + rootElement
                + "><context-root>"
                + contextRoot
                + "</context-root></"
                + rootElement
                + ">"),
        descriptor);
  }
}
