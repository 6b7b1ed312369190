package io.aiox.bench.chat;

import java.util.Arrays;
import java.util.stream.Collectors;

/** What answers the load generator's messages: the hub, or one of the baselines. */
enum TargetKind {
  /** The AIOX hub, in-process with {@link ZeroCostModel} answering its turns. */
  AIOX("aiox", "AIOX hub (zero-cost model)"),
  /** A bare XEP-0114 component that echoes every message ({@link EchoComponent}). */
  ECHO_COMPONENT("echo", "echo component"),
  /** Logged-in clients that echo every message: no component at all. */
  CLIENTS("c2c", "client to client"),
  /** The same echo written with Whack, the established Java component library ({@link WhackEcho}). */
  WHACK("whack", "Whack echo component");

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

  /**
   * A component of the baseline ejabberd's agents domain. A domain serves one kind of component at a time (ejabberd
   * spreads its stanzas over all of the domain's component connections at random), so these take turns.
   */
  boolean takesTurnsOnBaselineDomain() {
    return this == ECHO_COMPONENT || this == WHACK;
  }

  static TargetKind of(String key) {
    for (TargetKind k : values()) {
      if (k.key.equals(key)) {
        return k;
      }
    }
    throw new IllegalArgumentException("unknown target " + key + " ("
        + Arrays.stream(values()).map(TargetKind::key).collect(Collectors.joining(", ")) + ")");
  }
}
