package org.imagestore.it;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.jboss.shrinkwrap.api.Node;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.Asset;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The WAR the build produced, as an admin would deploy it, with settings added to its MicroProfile
 * Config file and, when asked, another context root.
 */
public final class Deployments {
  private static final Path BUILT_WAR = Path.of("target", "imagestore.war");
  private static final Path STORAGE_ROOT = Path.of("target", "it-storage").toAbsolutePath();
  private static final String CONFIG = "META-INF/microprofile-config.properties";
  private static final String SHIPPED_CONFIG = "WEB-INF/classes/" + CONFIG;

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
    addSettings(war, config);
    if (!"/".equals(contextRoot)) {
      setContextRoot(war, "jboss-web.xml", "jboss-web", contextRoot);
      setContextRoot(war, "glassfish-web.xml", "glassfish-web-app", contextRoot);
    }
    return war;
  }

  /**
   * Adds the test's settings to the WAR's own MicroProfile Config file (which turns OpenAPI
   * scanning off, say), not in its place: the file is the shipped one with the test's lines after
   * it, and a later line of a properties file wins over an earlier one with the same key.
   */
  private static void addSettings(WebArchive war, Map<String, String> settings) {
    StringBuilder properties = new StringBuilder();
    Node shipped = war.get(SHIPPED_CONFIG);
    if (shipped != null) {
      properties.append(text(shipped.getAsset())).append('\n');
      war.delete(SHIPPED_CONFIG);
    }
    settings.forEach((key, value) -> properties.append(key).append('=').append(value).append('\n'));
    war.addAsResource(new StringAsset(properties.toString()), CONFIG);
  }

  private static String text(Asset asset) {
    try (InputStream in = asset.openStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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
