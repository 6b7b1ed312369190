package io.aiox.worker.inference;

import io.aiox.schema.agent.Agent;
import io.aiox.worker.inference.qos.OwnerLoad;
import io.aiox.worker.inference.qos.QosGate;
import io.aiox.worker.inference.qos.QosQueue;
import io.aiox.worker.inference.qos.TurnTraits;
import io.aiox.worker.inference.qos.TurnWithdrawn;
import io.aiox.worker.model.ModelRegistry;
import io.aiox.worker.model.ModelSpec;
import io.aiox.worker.telemetry.Metrics;
import io.aiox.worker.telemetry.Tracing;
import io.opentelemetry.api.trace.Span;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * The models this worker serves, each behind its QoS queue, and a turn's way along its agent's chain of them: the
 * agent's model, then its fallbacks. The first model that answers wins; a retriable failure moves to the next; a
 * stop ends the turn with what the model had streamed, and no next model is asked. No model runs on tokens the
 * turn's quota does not hold.
 */
final class ModelChain {
  private static final Logger LOG = Logger.getLogger(ModelChain.class.getName());

  private final ModelRegistry models;
  private final Metrics metrics;
  private final Tracing tracing;
  private final Map<String, Engine> engines = new LinkedHashMap<>();
  private final Map<String, String> unavailable = new LinkedHashMap<>();
  private final Map<String, QosGate> gates = new LinkedHashMap<>();
  private final OwnerLoad ownerLoad = new OwnerLoad();

  /**
   * One turn's try along the model chain: what to ask, where the text goes, its stop switch, its QoS traits, the
   * turn's span, its quota hold and its tool rounds.
   */
  record Attempt(ChatRequest request, Consumer<String> onText, Cancellation cancel, TurnTraits traits,
                 Span span, QuotaHold hold, ToolRounds rounds) {}

  ModelChain(ModelRegistry models, Metrics metrics, Tracing tracing) {
    this.models = models;
    this.metrics = metrics;
    this.tracing = tracing;
  }

  /**
   * A model that answers, behind its QoS queue: {@code slots} turns run, up to {@code queue_limit} more wait;
   * {@code onQueueChange} hears each change of the queue (the worker's load announcements).
   */
  void serve(ModelSpec spec, Engine engine, Runnable onQueueChange) {
    engines.put(spec.name(), engine);
    gates.put(spec.name(), new QosGate(new QosQueue<>(spec.name(), spec.slots(), models.queueLimit(),
        Duration.ofSeconds(spec.timeoutSeconds()), models.qos(), ownerLoad, System::nanoTime))
        .onChange(onQueueChange));
  }

  /** A model that did not load, and why: agents on it fall back or get this reason. */
  void unavailable(String name, String why) {
    unavailable.put(name, why);
  }

  Map<String, String> unavailable() {
    return Map.copyOf(unavailable);
  }

  Map<String, QosQueue<?>> queues() {
    Map<String, QosQueue<?>> queues = new LinkedHashMap<>();
    gates.forEach((name, gate) -> queues.put(name, gate.queue()));
    return queues;
  }

  /** The turn's completion from the first model of {@code agent}'s chain that answers. */
  Future<Completion> run(Agent agent, Attempt a) {
    return chain(chainOf(agent), 0, a, new ArrayList<>());
  }

  void close() {
    engines.values().forEach(Engine::close);
  }

  private Future<Completion> chain(List<String> names, int i, Attempt a, List<String> failures) {
    if (names.isEmpty()) {
      return Future.failedFuture(new EngineFailure(EngineFailure.Kind.UNAVAILABLE,
          "this hub has no model configured (inference.models); the operator has to add one"));
    }
    if (i >= names.size()) {
      return Future.failedFuture(new EngineFailure(EngineFailure.Kind.UNAVAILABLE,
          "no model could answer: " + String.join("; ", failures)));
    }
    String name = names.get(i);
    Engine engine = engines.get(name);
    if (a.cancel().cancelled()) {
      // stopped before this model was reached (while the context was gathered, or after the previous model
      // failed): it is not asked
      return Future.succeededFuture(stopped(engine, name, ""));
    }
    if (engine == null) {
      failures.add(unavailable.getOrDefault(name, "model " + name + " is not configured on this hub"));
      return chain(names, i + 1, a, failures);
    }
    StringBuffer streamed = new StringBuffer();
    Consumer<String> onText = piece -> {
      streamed.append(piece);
      a.onText().accept(piece);
    };
    return a.rounds().run(a.request(), (request, held) -> ask(name, engine, a, request, held, onText), a.cancel())
        // Whether the turn was stopped is read from its switch, never from the failure's text: a stopped stream
        // fails in whatever words its transport uses. Stopped (while waiting, too) it ends with what this model
        // streamed, and no next model is asked.
        .recover(e -> e instanceof TurnWithdrawn || a.cancel().cancelled()
            ? Future.succeededFuture(stopped(engine, name, streamed.toString().strip()))
            : next(names, i, a, failures, e));
  }

  /** One round on model {@code name}: sized and held, then behind its QoS gate. */
  private Future<Completion> ask(String name, Engine engine, Attempt a, ChatRequest request, long held,
                                 Consumer<String> onText) {
    // timed inside the gate: the histogram is the model's time, not the wait for a slot
    Span wait = tracing.child("qos.wait", a.span()).setAttribute(Tracing.MODEL, name);
    return sized(engine, a, request, held).compose(sized -> gates.get(name).submit(a.traits(), a.cancel(), () -> {
          wait.end();
          return EngineTiming.traced(metrics, tracing, a.span(), name, models.get(name).orElseThrow().provider(),
              () -> engine.complete(sized.request(), onText, a.cancel())).map(c -> charged(c, sized));
        }))
        .andThen(r -> {
          if (wait.isRecording()) {
            Tracing.end(wait, r); // the gate refused the turn, or it was stopped while it waited
          }
        });
  }

  /**
   * The request as {@code engine} will take it (fitted to its window), once the turn's quota holds its prompt and
   * the longest answer besides the {@code held} tokens of earlier rounds: no model runs on tokens the turn does not
   * hold.
   */
  private Future<SizedPrompt> sized(Engine engine, Attempt a, ChatRequest request, long held) {
    return engine.size(request).compose(sized -> {
      if (sized.droppedTurns() > 0) {
        LOG.fine(() -> "model " + engine.model() + ": left out the " + sized.droppedTurns()
            + " oldest history messages to fit its window");
      }
      return a.hold().cover(held + sized.turnMaximum()).map(sized);
    });
  }

  /**
   * A stopped remote stream reports no usage (providers count at the end): it is charged the prompt as sized and
   * the UTF-8 bytes of what it streamed, bounds of what the provider counted.
   */
  private static Completion charged(Completion c, SizedPrompt sized) {
    if (!c.cancelled() || c.promptTokens() > 0) {
      return c;
    }
    int streamed = c.text().getBytes(StandardCharsets.UTF_8).length;
    return new Completion(c.text(), sized.promptTokens(), Math.max(c.completionTokens(), streamed),
        c.firstTokenMicros(), c.totalMicros(), c.provider(), c.model(), true, c.toolCalls());
  }

  /** A turn stopped at model {@code name} (which may not have started), with the text it had. */
  private static Completion stopped(Engine engine, String name, String text) {
    return new Completion(text, 0, 0, 0, 0, engine == null ? null : engine.provider(), name, true);
  }

  /** After model {@code i} failed: the next one when the failure is retriable, else the failure. */
  private Future<Completion> next(List<String> names, int i, Attempt a, List<String> failures, Throwable e) {
    if (e instanceof QuotaHold.TurnRefused || e instanceof EngineFailure f && !f.retriable()) {
      return Future.failedFuture(e);
    }
    if (e instanceof EngineFailure f && f.kind() == EngineFailure.Kind.BUSY && i + 1 >= names.size()) {
      return Future.failedFuture(f); // the last provider is busy: say so (with its retry hint), not "unavailable"
    }
    failures.add(e.getMessage());
    return chain(names, i + 1, a, failures);
  }

  private List<String> chainOf(Agent agent) {
    List<String> chain = new ArrayList<>();
    String primary = models.modelOf(agent.llmConfig());
    if (!primary.isEmpty()) {
      chain.add(primary);
    }
    JsonArray fallbacks = agent.llmConfig().getJsonArray("fallbacks", new JsonArray());
    fallbacks.forEach(f -> chain.add(String.valueOf(f)));
    return chain;
  }
}
