package org.imagestore.storage.filesystem;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
  @TempDir Path dir;

  private List<Path> files() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.toList();
    }
  }

  @Test
  void tempNamesAreNeverImageNames() {
    assertTrue(AtomicFiles.isTempName(".imagestore-1234.tmp"));
    assertFalse(AtomicFiles.isTempName("generated_20251029_101530.png"));
  }

  @Test
  void aWriterThatFailsMidwayLeavesNoFile() throws IOException {
    IOException failure =
        assertThrows(
            IOException.class,
            () ->
                AtomicFiles.writeTemp(
                    dir,
                    true,
                    out -> {
                      out.write(new byte[100_000]);
                      throw new IOException("disk on fire");
                    }));
    assertEquals("disk on fire", failure.getMessage());
    assertEquals(List.of(), files());
  }

  @Test
  void publishGivesTheTempItsNameAndIsReadableByOthers() throws IOException {
    Path temp = AtomicFiles.writeTemp(dir, true, out -> out.write(new byte[] {1, 2, 3}));
    assertTrue(AtomicFiles.isTempName(temp.getFileName().toString()));
    Path target = dir.resolve("generated_20250101_000000.png");
    assertTrue(AtomicFiles.publish(temp, target));
    assertEquals(List.of(target), files());
    assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(target));
    assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
  }

  @Test
  void publishNeverReplacesAnExistingFile() throws IOException {
    Path target = dir.resolve("generated_20250101_000000.png");
    Files.write(target, new byte[] {9});
    Path temp = AtomicFiles.writeTemp(dir, true, out -> out.write(new byte[] {1}));
    assertFalse(AtomicFiles.publish(temp, target));
    assertArrayEquals(new byte[] {9}, Files.readAllBytes(target));
    assertTrue(Files.exists(temp));
  }
}
