package io.aiox.component;

import io.aiox.schema.agent.Agent;
import io.aiox.worker.inference.InferenceVerticle;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** Test fixture: the prompts a hub builds, as its debug tap ({@link InferenceVerticle#PROMPT_ADDRESS}) publishes them. */
public final class PromptTap {
  private final List<JsonObject> prompts = new CopyOnWriteArrayList<>();

  private PromptTap() {}

  /** Listens on the hub's event bus from now on. */
  public static PromptTap on(Vertx vertx) {
    PromptTap tap = new PromptTap();
    vertx.eventBus().<JsonObject>consumer(InferenceVerticle.PROMPT_ADDRESS, m -> tap.prompts.add(m.body()));
    return tap;
  }

  /** Every prompt seen so far. */
  public List<JsonObject> all() {
    return List.copyOf(prompts);
  }

  /** The latest prompt built for the agent's turn on this message, waiting up to 10 s for it. */
  public JsonObject promptFor(Agent agent, String message) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      Optional<JsonObject> p = prompts.stream().filter(j -> j.getString("agentId").equals(agent.id().toString())
          && j.getString("user").equals(message)).reduce((first, second) -> second);
      if (p.isPresent()) {
        return p.get();
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no prompt was built for " + agent.id() + " on: " + message);
  }
}
