package io.aiox.bench.chat;

/** What answers the load generator's messages: the hub, or one of the two baselines. */
enum TargetKind {
  /** The AIOX hub, in-process with {@link ZeroCostModel} answering its turns. */
  AIOX("aiox", "AIOX hub (zero-cost model)"),
  /** A bare XEP-0114 component that echoes every message ({@link EchoComponent}). */
  ECHO_COMPONENT("echo", "echo component"),
  /** Logged-in clients that echo every message: no component at all. */
  CLIENTS("c2c", "client to client");

  private final String key;
  private final String label;

  TargetKind(String key, String label) {
    this.key = key;
    this.label = label;
  }

  String key() {
    return key;
  }

  String label() {
    return label;
  }

  static TargetKind of(String key) {
    for (TargetKind k : values()) {
      if (k.key.equals(key)) {
        return k;
      }
    }
    throw new IllegalArgumentException("unknown target " + key + " (aiox, echo, c2c)");
  }
}
