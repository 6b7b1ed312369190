package io.aiox.web.usage;

import java.util.List;

/**
 * What the running hub says about its models (implemented by the component, which holds the inference verticle).
 * A hub that serves no turns has no workers.
 */
public interface HubLoad {
  List<WorkerLoad> workers();

  /** Turns waiting for a slot, over all models. */
  default int queueDepth() {
    return workers().stream().mapToInt(WorkerLoad::waiting).sum();
  }
}
