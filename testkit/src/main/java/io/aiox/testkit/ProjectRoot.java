package io.aiox.testkit;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the repository root, where the run scripts live. */
public final class ProjectRoot {
  private ProjectRoot() {}

  /** The folder holding the {@code aiox} command: the {@code aiox.root} property, else the nearest parent. */
  public static Path get() {
    String configured = System.getProperty("aiox.root");
    if (configured != null && !configured.isBlank() && isRoot(Path.of(configured))) {
      return Path.of(configured).toAbsolutePath();
    }
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (isRoot(p)) {
        return p;
      }
    }
    throw new IllegalStateException("cannot find the AIOX project root (a folder with ./aiox and ejabberd/) above "
        + Path.of("").toAbsolutePath() + "; set -Daiox.root");
  }

  private static boolean isRoot(Path p) {
    return Files.isRegularFile(p.resolve("aiox")) && Files.isDirectory(p.resolve("ejabberd"));
  }
}
