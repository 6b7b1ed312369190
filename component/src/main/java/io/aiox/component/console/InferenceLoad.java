package io.aiox.component.console;

import io.aiox.web.usage.HubLoad;
import io.aiox.web.usage.WorkerLoad;
import io.aiox.worker.inference.InferenceVerticle;
import io.aiox.worker.inference.qos.QosQueue;
import io.aiox.worker.model.ModelRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The models of this hub as the console shows them: each configured model with its QoS queue (slots, running,
 * waiting) when it loaded, or unhealthy with the reason it did not. A hub that serves no turns has none.
 */
public final class InferenceLoad implements HubLoad {
  private final ModelRegistry models;
  private final InferenceVerticle inference;

  /** {@code inference} is null when the hub serves no turns. */
  public InferenceLoad(ModelRegistry models, InferenceVerticle inference) {
    this.models = models;
    this.inference = inference;
  }

  @Override
  public List<WorkerLoad> workers() {
    if (inference == null) {
      return List.of();
    }
    Map<String, QosQueue<?>> queues = inference.queues();
    Map<String, String> unavailable = inference.unavailable();
    List<WorkerLoad> out = new ArrayList<>();
    for (String name : models.names()) {
      QosQueue<?> q = queues.get(name);
      int slots = models.get(name).map(s -> s.slots()).orElse(0);
      out.add(q == null
          ? new WorkerLoad(name, false, slots, 0, 0, Optional.of(unavailable.getOrDefault(name, "not loaded")))
          : new WorkerLoad(name, true, q.slots(), q.running(), q.waiting(), Optional.empty()));
    }
    return out;
  }
}
