package io.aiox.worker.tool.codeexecutor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Whether this host can run the sandbox as configured: the programs it needs are there, and the hub runs as root,
 * which it needs to start programs as {@code sandbox_uid} (a process limit on the hub's own user would count the
 * hub's threads, and one on root is not enforced by the kernel).
 */
final class SandboxCheck {
  private SandboxCheck() {}

  /** Why programs cannot run here, or empty when they can. */
  static Optional<String> problem(CodeExecutorConfig config) {
    if (!Files.isExecutable(config.bwrap())) {
      return Optional.of("bubblewrap is not installed (" + CodeExecutorConfig.SECTION + ".bwrap: " + config.bwrap()
          + " is not an executable file; Debian package bubblewrap)");
    }
    if (!Files.isExecutable(config.python())) {
      return Optional.of("no Python interpreter at " + config.python() + " (" + CodeExecutorConfig.SECTION
          + ".python)");
    }
    for (Path tool : new Path[] {SandboxCommand.PRLIMIT, SandboxCommand.SETPRIV}) {
      if (!Files.isExecutable(tool)) {
        return Optional.of(tool + " is missing (Debian package util-linux)");
      }
    }
    if (!runsAsRoot()) {
      return Optional.of("the hub must run as root to start programs as the unprivileged user "
          + config.sandboxUid() + " (" + CodeExecutorConfig.SECTION + ".sandbox_uid)");
    }
    return hidesSystem(config);
  }

  /** A hidden folder that holds a system folder would hide the interpreter: the hub's folder is misplaced. */
  private static Optional<String> hidesSystem(CodeExecutorConfig config) {
    for (Path hidden : SandboxCommand.hidden(config)) {
      for (Path system : config.systemPaths()) {
        if (system.startsWith(hidden)) {
          return Optional.of("the hub's folder " + hidden + " holds the system folder " + system
              + "; run the hub from a folder of its own");
        }
      }
    }
    return Optional.empty();
  }

  private static boolean runsAsRoot() {
    try {
      return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).intValue() == 0;
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }
}
