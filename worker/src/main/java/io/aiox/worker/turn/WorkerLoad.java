package io.aiox.worker.turn;

import java.util.List;
import java.util.Objects;

/**
 * What a worker node announces on a clustered bus: its node id and, for each model it serves, the slots free now
 * and the turns waiting in the model's queue. Components pick among the workers serving a turn's model by free
 * slots ({@code WorkerChoice}) and send the turn to the chosen worker's own address ({@link #nodeAddress}).
 * Published on {@link #ADDRESS} when the load changes (at most every {@code RATE} ms) and every second otherwise, so
 * an entry not refreshed for a few seconds is a worker gone. Carried by the turn codec ({@link TurnWire}).
 */
public record WorkerLoad(String node, List<ModelLoad> models) implements TurnMessage {
  /** Where workers publish their load; every component node listens. */
  public static final String ADDRESS = "aiox.inference.load";

  /** One model's load on the worker: slots not running a turn, and turns waiting for one. */
  public record ModelLoad(String model, int free, int waiting) {
    public ModelLoad {
      Objects.requireNonNull(model, "model");
      if (free < 0 || waiting < 0) {
        throw new IllegalArgumentException("free slots and waiting turns are never negative");
      }
    }
  }

  public WorkerLoad {
    Objects.requireNonNull(node, "node");
    models = List.copyOf(models);
  }

  /** The address only the worker {@code node} consumes turns on. */
  public static String nodeAddress(String node) {
    return Turns.ADDRESS + ".node." + node;
  }
}
