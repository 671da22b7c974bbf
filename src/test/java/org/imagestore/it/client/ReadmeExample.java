package org.imagestore.it.client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A fenced code block of README.md, found by the HTML comment that names it. */
final class ReadmeExample {
  private static final Path README = Path.of("README.md");

  private ReadmeExample() {}

  /** The code under {@code <!-- java-se-example: name -->}, without its fence. */
  static String block(String name) throws IOException {
    String readme = Files.readString(README);
    Matcher block =
        Pattern.compile(
                "<!-- java-se-example: " + Pattern.quote(name) + " -->\\n```\\w*\\n(.*?)\\n```",
                Pattern.DOTALL)
            .matcher(readme);
    if (!block.find()) {
      throw new AssertionError("README.md has no java-se-example block named " + name);
    }
    return block.group(1);
  }
}
