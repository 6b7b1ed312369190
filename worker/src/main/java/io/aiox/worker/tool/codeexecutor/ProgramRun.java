package io.aiox.worker.tool.codeexecutor;

import java.time.Duration;

/**
 * How one program ended: the sandbox's exit status ({@code 128 + n} when signal {@code n} ended it), what it wrote,
 * how long it took, and whether the hub killed it at the wall-time limit.
 */
record ProgramRun(int exitCode, BoundedOutput stdout, BoundedOutput stderr, Duration elapsed, boolean wallTimeout) {
  static final int SIGKILL_EXIT = 128 + 9;
  static final int SIGXCPU_EXIT = 128 + 24;
}
