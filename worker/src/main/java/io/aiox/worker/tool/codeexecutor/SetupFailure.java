package io.aiox.worker.tool.codeexecutor;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Tells a sandbox that failed to start from a program that failed: the wrappers exit with status 1 (bwrap) or
 * 127/126 (setpriv, prlimit cannot exec) and name themselves at the start of stderr, before the program ran.
 */
final class SetupFailure {
  private static final List<String> WRAPPERS = List.of("bwrap: ", "setpriv: ", "prlimit: ");

  private SetupFailure() {}

  /** The wrapper's first line of complaint, or empty when the program itself ran. */
  static Optional<String> of(ProgramRun run) {
    if (run.exitCode() == 0) {
      return Optional.empty();
    }
    String err = new String(run.stderr().kept(), StandardCharsets.UTF_8);
    String first = err.lines().findFirst().orElse("");
    return WRAPPERS.stream().anyMatch(first::startsWith) ? Optional.of(first) : Optional.empty();
  }
}
