package io.aiox.policy.tool;

/** Where a tool runs. */
public enum ToolWorker {
  /** Inside the hub's JVM, on the event loop (network tools with the pinned-address client). */
  IN_PROCESS,
  /** In an isolated process with no access to the hub (not shipped yet). */
  SANDBOX
}
