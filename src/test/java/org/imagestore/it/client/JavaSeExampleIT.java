package org.imagestore.it.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.ToolProvider;
import org.imagestore.client.ImageQuery;
import org.imagestore.it.Deployments;
import org.imagestore.it.ImageStoreTestBase;
import org.imagestore.it.Pngs;
import org.imagestore.it.TestStorage;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * The README's Java SE example, as written: its dependencies resolved by Maven into a class path of
 * their own (the client jar, RESTEasy, nothing of the server or the tests), its code compiled and
 * run in a JVM of its own against the WAR at http://localhost:8080/.
 */
class JavaSeExampleIT extends ImageStoreTestBase {
  private static final TestStorage STORAGE = Deployments.freshStorage("java-se-example");
  private static final Path WORK = Path.of("target", "java-se-example").toAbsolutePath();
  private static final String VERSION = System.getProperty("imagestore.version");

  @Deployment(testable = false)
  static WebArchive app() {
    return Deployments.war("/", STORAGE, Map.of());
  }

  @Test
  void savesListsAndIsRefusedAsTheReadmeSays() throws Exception {
    Files.createDirectories(WORK);
    String classPath = resolveDependencies();
    Path source = WORK.resolve("Example.java");
    Files.writeString(source, ReadmeExample.block("Example.java"));
    assertEquals(
        0,
        ToolProvider.getSystemJavaCompiler()
            .run(null, null, null, "-cp", classPath, "-d", WORK.toString(), source.toString()),
        "the README's example compiles against its dependencies alone");
    byte[] cat = Pngs.noise(32, 24, 7);
    Files.write(WORK.resolve("cat.png"), cat);

    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String output = exec(java, "-cp", WORK + File.pathSeparator + classPath, "Example");

    Matcher saved = Pattern.compile("saved /storage/images/(generated_\\S+\\.png)").matcher(output);
    assertTrue(saved.find(), output);
    String filename = saved.group(1);
    assertTrue(output.contains("found " + filename), output);
    assertTrue(output.contains("refused 404: "), output);
    assertArrayEquals(cat, STORAGE.read(filename));
    JsonObject metadata = images.list(ImageQuery.all()).images().get(0).metadata();
    assertEquals("a cat", metadata.getString("prompt"));
  }

  /**
   * The README's dependency list as a project of its own, resolved offline by the Maven that runs
   * this build; the client jar is installed first, as {@code mvn install} would install it.
   */
  private static String resolveDependencies() throws Exception {
    Path target = Path.of("target").toAbsolutePath();
    maven(
        // The plugin versions of pom.xml, which the build has put in the local repository.
        "org.apache.maven.plugins:maven-install-plugin:3.1.4:install-file",
        "-Dfile=" + target.resolve("imagestore-client-" + VERSION + ".jar"),
        "-DpomFile=" + target.resolve("imagestore-client-" + VERSION + ".pom"));
    Files.writeString(
        WORK.resolve("pom.xml"),
        """
        <project xmlns="http://maven.apache.org/POM/4.0.0">
          <modelVersion>4.0.0</modelVersion>
          <groupId>example</groupId>
          <artifactId>java-se-example</artifactId>
          <version>1</version>
          <dependencies>
        %s
          </dependencies>
        </project>
        """
            .formatted(ReadmeExample.block("dependencies")));
    Path classPath = WORK.resolve("classpath.txt");
    maven(
        "org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath",
        "-Dmdep.outputFile=" + classPath);
    return Files.readString(classPath).trim();
  }

  private static void maven(String... arguments) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("maven.home"), "bin", "mvn").toString());
    // Offline. The build fetched some of these POMs through a repository id that a Payara POM
    // declares, and the local repository remembers that id and hides them from a project that
    // does not know it; a tracking file of another name turns that check off (Maven 3.9 dropped
    // -llr for this).
    command.addAll(
        List.of(
            "-B",
            "-q",
            "-o",
            "-Daether.enhancedLocalRepository.trackingFilename=.java-se-example"));
    command.addAll(List.of(arguments));
    exec(command.toArray(String[]::new));
  }

  /** Runs a command in the example's folder, asserts it succeeded, and returns what it printed. */
  private static String exec(String... command) throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(command).directory(WORK.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, process.waitFor(), String.join(" ", command) + "\n" + output);
    return output;
  }
}
