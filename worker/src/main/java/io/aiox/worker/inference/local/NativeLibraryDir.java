package io.aiox.worker.inference.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Where the llama.cpp binding unpacks its native library. Left alone it writes one fixed file in the system's
 * temporary folder, so two processes of one machine (the worker nodes of {@code ./aiox up --workers 2}, or a hub
 * and a test run) overwrite each other's library while it loads: one of them fails with "No native library found"
 * and serves no model. Each process gets a folder of its own instead, removed when it exits. An operator's own
 * {@code de.kherud.llama.tmpdir} (or a library path given with {@code de.kherud.llama.lib.path}) is kept.
 */
public final class NativeLibraryDir {
  /** The binding's property for the folder it unpacks into. */
  static final String PROPERTY = "de.kherud.llama.tmpdir";

  private NativeLibraryDir() {}

  /** Before the binding's first class loads; the same folder for every call in this process. */
  public static synchronized Path prepare() {
    String set = System.getProperty(PROPERTY);
    if (set != null) {
      return Path.of(set);
    }
    try {
      Path dir = Files.createTempDirectory("aiox-llama-" + ProcessHandle.current().pid() + "-");
      System.setProperty(PROPERTY, dir.toString());
      Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(() -> remove(dir)));
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("could not make a folder for llama.cpp's native library", e);
    }
  }

  private static void remove(Path dir) {
    try (Stream<Path> all = Files.walk(dir)) {
      all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // the system's temporary folder is cleaned by the system as well
    }
  }
}
