package io.aiox.worker.inference.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class NativeLibraryDirTest {
  @Test
  void each_process_unpacks_the_library_into_a_folder_of_its_own() {
    String before = System.getProperty(NativeLibraryDir.PROPERTY);
    try {
      System.clearProperty(NativeLibraryDir.PROPERTY);
      Path dir = NativeLibraryDir.prepare();
      assertThat(Files.isDirectory(dir)).isTrue();
      assertThat(dir.getFileName().toString()).startsWith("aiox-llama-" + ProcessHandle.current().pid() + "-");
      assertThat(dir).isNotEqualTo(Path.of(System.getProperty("java.io.tmpdir")));
      assertThat(System.getProperty(NativeLibraryDir.PROPERTY)).isEqualTo(dir.toString());
      assertThat(NativeLibraryDir.prepare()).as("one folder per process").isEqualTo(dir);
    } finally {
      restore(before);
    }
  }

  @Test
  void an_operators_folder_is_kept() {
    String before = System.getProperty(NativeLibraryDir.PROPERTY);
    try {
      System.setProperty(NativeLibraryDir.PROPERTY, "/srv/llama-lib");
      assertThat(NativeLibraryDir.prepare()).isEqualTo(Path.of("/srv/llama-lib"));
    } finally {
      restore(before);
    }
  }

  private static void restore(String before) {
    if (before == null) {
      System.clearProperty(NativeLibraryDir.PROPERTY);
    } else {
      System.setProperty(NativeLibraryDir.PROPERTY, before);
    }
  }
}
