package io.aiox.worker.inference;

import io.aiox.schema.Database;
import io.aiox.schema.agent.Agent;
import io.aiox.schema.agent.AgentRepository;
import io.aiox.schema.execution.ExecutionRepository;
import io.aiox.schema.execution.ExecutionRepository.Outcome;
import io.aiox.schema.id.AgentId;
import io.aiox.schema.id.OwnerId;
import io.aiox.policy.crypto.Vault;
import io.aiox.policy.quota.Reservations;
import io.aiox.policy.tool.ToolDefinition;
import io.aiox.schema.audit.AuditLog;
import io.aiox.schema.tool.AgentToolRepository;
import io.aiox.worker.a2a.Chain;
import io.aiox.worker.a2a.Consultations;
import io.aiox.worker.context.ChatTurn;
import io.aiox.worker.context.Conversations;
import io.aiox.worker.inference.local.LlamaEngine;
import io.aiox.worker.inference.qos.OwnerLoad;
import io.aiox.worker.inference.qos.QosGate;
import io.aiox.worker.inference.qos.QosQueue;
import io.aiox.worker.inference.qos.Reputation;
import io.aiox.worker.inference.qos.TurnTraits;
import io.aiox.worker.inference.qos.TurnWithdrawn;
import io.aiox.worker.inference.remote.RemoteEngine;
import io.aiox.worker.memory.MemoryOptions;
import io.aiox.worker.memory.TrustedUploads;
import io.aiox.worker.memory.TurnMemory;
import io.aiox.worker.model.ModelRegistry;
import io.aiox.worker.model.ModelSpec;
import io.aiox.worker.telemetry.Metrics;
import io.aiox.worker.telemetry.Tracing;
import io.aiox.worker.tool.ToolCalls;
import io.aiox.worker.tool.ToolRegistry;
import io.aiox.worker.turn.TurnAcceptance;
import io.aiox.worker.turn.TurnFailure;
import io.aiox.worker.turn.TurnReply;
import io.aiox.worker.turn.TurnRequest;
import io.aiox.worker.turn.TurnReturn;
import io.aiox.worker.turn.Turns;
import io.opentelemetry.api.trace.Span;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * Consumes turns on {@link Turns#ADDRESS}. For each: the agent (owner-scoped), an execution row (the request id
 * is unique per agent, so a turn never runs twice), the peer's short-term context, then the agent's model chain:
 * the first model that answers wins; a retriable failure moves to the next. In front of each model a QoS queue
 * ({@link QosGate}) holds the turns beyond its slots and runs the highest-scored next. The outcome, exact token
 * counts and per-stage latencies are stored; the answer goes back on the bus.
 */
public final class InferenceVerticle extends VerticleBase {
  private static final Logger LOG = Logger.getLogger(InferenceVerticle.class.getName());
  private static final Duration CONTEXT_TTL = Duration.ofHours(24);
  private static final int DEFAULT_SHORT_TERM = 10;
  /**
   * Every prompt built for a turn is published here on this node only ({@code {executionId, agentId, system,
   * history, user}}): a debug tap for tests and operators; nothing listens in normal operation.
   */
  public static final String PROMPT_ADDRESS = "aiox.inference.prompt";

  private final Database database;
  private final Redis redis;
  private final ModelRegistry models;
  private final String agentsDomain;
  private final Map<String, Engine> engines = new LinkedHashMap<>();
  private final Map<String, String> unavailable = new LinkedHashMap<>();
  /** Each turn's stop switch from the moment it arrives, keyed {@code agentId|bare peer|sequence}. */
  private final Map<String, Cancellation> running = new ConcurrentHashMap<>();
  private final AtomicLong turnSequence = new AtomicLong();
  private final Map<String, QosGate> gates = new LinkedHashMap<>();
  private final OwnerLoad ownerLoad = new OwnerLoad();
  private final Reputation reputation = new Reputation();
  private AgentToolRepository tools;
  private ToolRegistry registry;
  private ToolCalls toolCalls;
  private AgentRepository agents;
  private ExecutionRepository executions;
  private Conversations conversations;
  private Consultations consultations;
  private Reservations reservations;
  private AuditLog audit;
  private final Vault vault;
  private MemoryOptions memoryOptions = MemoryOptions.DEFAULTS;
  private TurnMemory memory;
  private TrustedUploads uploads = TrustedUploads.NONE;
  private Metrics metrics = Metrics.NONE;
  private Tracing tracing = Tracing.NONE;

  public InferenceVerticle(Database database, Redis redis, ModelRegistry models, String agentsDomain) {
    this(database, redis, models, agentsDomain, null);
  }

  /** With {@code vault} (null when the hub has no master key), agents' sealed system prompts are used. */
  public InferenceVerticle(Database database, Redis redis, ModelRegistry models, String agentsDomain, Vault vault) {
    this.database = database;
    this.redis = redis;
    this.models = models;
    this.agentsDomain = agentsDomain;
    this.vault = vault;
  }

  /** Long-term memory settings other than the defaults (the hub's {@code memory} section); before deployment. */
  public InferenceVerticle withMemory(MemoryOptions options) {
    this.memoryOptions = options;
    return this;
  }

  /** The hub's own upload services, whose files the memory service fetches; before deployment. */
  public InferenceVerticle withTrustedUploads(TrustedUploads uploads) {
    this.uploads = uploads;
    return this;
  }

  /** Where inference durations and turn stages are reported (the hub's metrics); before deployment. */
  public InferenceVerticle withMetrics(Metrics metrics) {
    this.metrics = metrics;
    return this;
  }

  /** The tools this hub runs (the built-in ones with the hub's settings); before deployment. */
  public InferenceVerticle withTools(ToolRegistry registry) {
    this.registry = registry;
    return this;
  }

  /** Where a turn's spans go (the hub's tracing); before deployment. */
  public InferenceVerticle withTracing(Tracing tracing) {
    this.tracing = tracing;
    return this;
  }

  @Override
  public Future<?> start() {
    memory = TurnMemory.create(vertx, database, memoryOptions).withUploads(uploads);
    agents = new AgentRepository(database.ownerScope(), agentsDomain);
    executions = new ExecutionRepository(database.ownerScope());
    tools = new AgentToolRepository(database.ownerScope());
    conversations = new Conversations(redis);
    audit = new AuditLog(database.ownerScope());
    consultations = new Consultations(vertx.eventBus(), audit);
    reservations = new Reservations(redis);
    if (registry == null) {
      registry = ToolRegistry.builtin(vertx);
    }
    toolCalls = new ToolCalls(vertx, database, redis, registry).withMetrics(metrics);
    List<Future<?>> loads = new ArrayList<>();
    for (String name : models.names()) {
      ModelSpec spec = models.get(name).orElseThrow();
      if (spec.provider() == ModelSpec.Provider.LOCAL) {
        // A model that does not load is reported and left out; agents on it fall back or get a clear error.
        loads.add(LlamaEngine.load(vertx, spec, models.queueLimit())
            .onSuccess(e -> serve(spec, e))
            .onFailure(e -> {
              unavailable.put(name, e.getMessage());
              LOG.severe(e.getMessage());
            }).recover(e -> Future.succeededFuture()));
      } else {
        try {
          serve(spec, RemoteEngine.create(vertx, spec, models.queueLimit()));
        } catch (IllegalArgumentException e) {
          unavailable.put(name, e.getMessage());
          LOG.severe(e.getMessage());
        }
      }
    }
    vertx.eventBus().<JsonObject>consumer(Turns.ADDRESS, this::turn);
    vertx.eventBus().<JsonObject>consumer(Turns.CANCEL_ADDRESS, m -> {
      String prefix = key(m.body().getString("agentId"), bare(m.body().getString("peer"))) + "|";
      running.forEach((k, c) -> {
        if (k.startsWith(prefix)) {
          c.cancel("stopped by the peer");
        }
      });
    });
    loads.add(memory.deploy());
    return Future.all(loads);
  }

  /** A model that answers, behind its QoS queue: {@code slots} turns run, up to {@code queue_limit} more wait. */
  private void serve(ModelSpec spec, Engine engine) {
    engines.put(spec.name(), engine);
    // announced on the (clustered) bus: turns for agents on this model come here first
    vertx.eventBus().<JsonObject>consumer(Turns.modelAddress(spec.name()), this::turn);
    gates.put(spec.name(), new QosGate(new QosQueue<>(spec.name(), spec.slots(), models.queueLimit(),
        Duration.ofSeconds(spec.timeoutSeconds()), models.qos(), ownerLoad, System::nanoTime)));
  }

  /**
   * The QoS queue of each model this hub serves (its slots, the turns running and waiting now), for the console.
   * The map is filled at start-up and not changed after, so reading it from another thread is safe.
   */
  public Map<String, QosQueue<?>> queues() {
    Map<String, QosQueue<?>> queues = new LinkedHashMap<>();
    gates.forEach((name, gate) -> queues.put(name, gate.queue()));
    return queues;
  }

  /** The models that did not load (name to reason), for status output. */
  public Map<String, String> unavailable() {
    return Map.copyOf(unavailable);
  }

  private static String key(String agentId, String peer) {
    return agentId + "|" + peer;
  }

  private void turn(Message<JsonObject> message) {
    TurnAcceptance.report(vertx, message);
    long t0 = System.nanoTime();
    TurnRequest req;
    try {
      req = TurnRequest.fromJson(message.body());
    } catch (IllegalArgumentException e) {
      message.fail(TurnFailure.MODEL_UNAVAILABLE.code(), "a malformed turn request: " + e.getMessage());
      return;
    }
    OwnerId owner = req.owner();
    AgentId agentId = req.agent();
    String peer = bare(req.peer());
    String body = req.body();
    Span span = tracing.continued("inference.turn", message.headers()).setAttribute(Tracing.AGENT_ID,
        agentId.toString());
    // A stop is heard from the moment the turn arrives, so one sent while its context is gathered is not lost.
    Cancellation cancel = new Cancellation();
    String runKey = key(agentId.toString(), peer) + "|" + turnSequence.incrementAndGet();
    running.put(runKey, cancel);
    agents.get(owner, agentId).compose(agent -> {
      if (agent.isEmpty() || agent.get().deleted()) {
        return Future.failedFuture(new EngineFailure(EngineFailure.Kind.REJECTED, "the agent no longer exists"));
      }
      return executions.start(owner, agentId, req.requestId(), req.peer(), body)
          .compose(exec -> exec.isEmpty()
              ? Future.failedFuture(new Duplicate())
              : run(agent.get(), exec.get(), peer, body, t0, partials(req), req.chainFrom(peer), cancel, span,
                  new QuotaHold(reservations, audit, metrics, req.reservation(), peer), toolStatus(req, agent.get())));
    }).andThen(done -> {
      running.remove(runKey, cancel);
      Tracing.end(span, done);
    }).onSuccess(reply -> TurnReturn.answer(vertx, message, reply, req.reservation())).onFailure(e -> {
      if (e instanceof Duplicate) {
        TurnReturn.fail(vertx, message, req.reservation(), TurnFailure.DUPLICATE,
            "this request id already ran; its answer was sent then");
      } else if (e instanceof QuotaHold.TurnRefused) {
        TurnReturn.fail(vertx, message, req.reservation(), TurnFailure.REFUSED, e.getMessage());
      } else if (e instanceof EngineFailure f && f.kind() == EngineFailure.Kind.BUSY) {
        TurnReturn.fail(vertx, message, req.reservation(), TurnFailure.BUSY, f.getMessage());
      } else {
        TurnReturn.fail(vertx, message, req.reservation(), TurnFailure.MODEL_UNAVAILABLE, e.getMessage());
      }
    });
  }

  /** Where the request wants its text pieces streamed, if anywhere. */
  private Consumer<String> partials(TurnRequest req) {
    if (req.partials().isEmpty()) {
      return text -> { };
    }
    String address = req.partials().get();
    // agent and peer with the request id: request ids are chosen by clients and need not be unique across them
    JsonObject piece = new JsonObject().put("requestId", req.requestId()).put("agentId", req.agent().toString())
        .put("peer", req.peer());
    return text -> vertx.eventBus().send(address, piece.copy().put("text", text));
  }

  /** The sender's short status while a tool runs, when the request asked for it (chats; not agents' questions). */
  private Consumer<String> toolStatus(TurnRequest req, Agent agent) {
    if (!req.toolStatus()) {
      return tool -> { };
    }
    String to = req.peer();
    String from = agent.jid().toString();
    return tool -> vertx.eventBus().send(Turns.STATUS_ADDRESS, Turns.toolStatus(from, to, tool));
  }

  private Future<JsonObject> run(Agent agent, UUID exec, String peer, String body, long t0,
                                 Consumer<String> onText, Chain chain, Cancellation cancel, Span span,
                                 QuotaHold hold, Consumer<String> onToolStart) {
    Sampling sampling;
    int priority;
    try {
      sampling = Sampling.of(agent.llmConfig());
      priority = TurnTraits.priorityOf(agent.governance());
    } catch (IllegalArgumentException e) {
      return finishFailed(agent, exec, "failed", e.getMessage(), t0, new JsonObject())
          .compose(v -> Future.failedFuture(new EngineFailure(EngineFailure.Kind.REJECTED, e.getMessage())));
    }
    JsonObject stages = new JsonObject().put("admission", micros(t0));
    long tRecall = System.nanoTime();
    int shortTerm = agent.memoryConfig().getInteger("short_term_limit", DEFAULT_SHORT_TERM);
    Future<JsonArray> consulted = consult(agent, body, chain, span)
        .compose(calls -> calls.isEmpty() ? Future.succeededFuture(calls)
            : executions.recordCalls(agent.owner(), exec, calls).map(calls));
    // A sealed prompt that cannot be opened fails the turn: answering without the owner's instructions is worse.
    Future<String> sealed = vault == null ? Future.succeededFuture("") : vault.systemPrompt(agent.owner(), agent.id());
    Future<String> recalled = tracing.traced("memory.recall", span, () -> memory.recall(agent, peer, body));
    Future<List<String>> enabled = tools.enabled(agent.owner(), agent.id());
    return Future.all(conversations.history(agent.id(), peer), consulted, sealed, recalled, enabled).compose(all -> {
      List<ChatTurn> history = all.resultAt(0);
      stages.put("recall", micros(tRecall));
      String others = Consultations.promptLines(consulted.result());
      String system = systemPrompt(agent, sealed.result()) + recalled.result();
      List<ToolDefinition> offered = offered(enabled.result());
      ChatRequest request = new ChatRequest(others.isEmpty() ? system : system + "\n" + others, history, body,
          sampling, offered, List.of(), !offered.isEmpty() && "required".equals(agent.llmConfig()
              .getString("tool_choice")));
      tap(exec, agent, request);
      // a turn that may act has the tools' time (owner approvals included), not only its model's
      int timeout = offered.isEmpty() ? timeoutSeconds(agent) : Math.max(timeoutSeconds(agent),
          models.tools().maxSeconds());
      // The turn's deadline is a stop by the hub: what was generated is delivered, marked, and no model follows.
      long timer = vertx.setTimer(timeout * 1_000L, id -> cancel.cancel("timed out after " + timeout + " s"));
      long tInfer = System.nanoTime();
      TurnTraits traits = new TurnTraits(agent.owner(), reputation.of(agent.id()), !offered.isEmpty(), priority);
      ToolRounds rounds = new ToolRounds(toolCalls, models.tools(), agent.owner(), agent.id(), onToolStart);
      Attempt attempt = new Attempt(request, onText, cancel, traits, span, hold, rounds);
      return chain(chainOf(agent), 0, attempt, new ArrayList<>()).compose(done -> rounds.used().isEmpty()
          ? Future.succeededFuture(done)
          : executions.recordCalls(agent.owner(), exec, rounds.used()).map(done)).andThen(r -> {
        vertx.cancelTimer(timer);
        stages.put("inference", micros(tInfer));
        remember(agent, r.succeeded() ? null : r.cause(), r.succeeded() && r.result().cancelled());
      }).compose(done -> {
        String text = done.cancelled() ? stoppedText(done.text(), cancel.reason()) : done.text();
        Outcome outcome = new Outcome(done.cancelled() ? "cancelled" : "completed", text, null, done.provider(),
            done.model(), done.promptTokens(), done.completionTokens(), stages.put("first_token", done.firstTokenMicros()),
            (int) ((System.nanoTime() - t0) / 1_000_000));
        EngineTiming.stages(metrics, stages);
        if (!done.cancelled()) {
          // in the background: the reply does not wait for it
          tracing.traced("memory.remember", span, () -> memory.remember(agent, peer, body, done.text()));
        }
        Future<Integer> remembered = done.cancelled() ? Future.succeededFuture(0)
            : conversations.append(agent.id(), peer, new ChatTurn(ChatTurn.USER, body),
                new ChatTurn(ChatTurn.ASSISTANT, done.text()), shortTerm, CONTEXT_TTL);
        return Future.all(executions.finish(agent.owner(), exec, outcome), remembered).map(v -> TurnReply.counted(text,
            done.provider(), done.model(), done.promptTokens(), done.completionTokens()).toJson());
      }, e -> finishFailed(agent, exec, e instanceof QuotaHold.TurnRefused ? "refused" : "failed", e.getMessage(), t0,
          stages).compose(v -> Future.failedFuture(e)));
    });
  }

  /** A stopped turn's answer: what it had, then why it stopped ({@code (stopped: stopped by the peer)}). */
  private static String stoppedText(String partial, String reason) {
    return (partial.isEmpty() ? "" : partial + " ") + "(stopped: " + reason + ")";
  }

  /** R of the QoS score: completed turns count for the agent, failed ones against; stopped or busy ones not. */
  private void remember(Agent agent, Throwable failure, boolean cancelled) {
    if (failure instanceof EngineFailure f && f.kind() == EngineFailure.Kind.BUSY || cancelled) {
      return;
    }
    reputation.record(agent.id(), failure == null);
  }

  /** The agents {@code agent} consults, under an {@code a2a.consult} span when there are any. */
  private Future<JsonArray> consult(Agent agent, String body, Chain chain, Span span) {
    return Consultations.targets(agent).isEmpty() ? consultations.consult(agent, body, chain)
        : tracing.traced("a2a.consult", span, () -> consultations.consult(agent, body, chain));
  }

  /**
   * One turn's try along the model chain: what to ask, where the text goes, its stop switch, its QoS traits, the
   * turn's span, and its quota hold.
   */
  private record Attempt(ChatRequest request, Consumer<String> onText, Cancellation cancel, TurnTraits traits,
                         Span span, QuotaHold hold, ToolRounds rounds) {}

  /** The enabled tools this hub can run, as the model is offered them. */
  private List<ToolDefinition> offered(List<String> enabled) {
    List<ToolDefinition> offered = new ArrayList<>();
    for (String name : enabled) {
      registry.tool(name).ifPresent(t -> offered.add(t.definition()));
    }
    return offered;
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
    int streamed = c.text().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
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

  private int timeoutSeconds(Agent agent) {
    return models.get(models.modelOf(agent.llmConfig())).map(ModelSpec::timeoutSeconds)
        .orElse(ModelSpec.DEFAULT_TIMEOUT_SECONDS);
  }

  private Future<Void> finishFailed(Agent agent, UUID exec, String status, String error, long t0, JsonObject stages) {
    return executions.finish(agent.owner(), exec, new Outcome(status, null, error, null, null, null, null, stages,
        (int) ((System.nanoTime() - t0) / 1_000_000))).recover(e -> Future.succeededFuture());
  }

  /** Who the agent is, then its instructions: the sealed system prompt when it has one, else the profile's. */
  private static String systemPrompt(Agent agent, String sealed) {
    String instructions = sealed.isBlank() ? agent.profile().getString("instructions", "") : sealed;
    String who = "You are " + agent.name() + (agent.description().isBlank() ? "." : ", " + agent.description() + ".");
    return instructions.isBlank() ? who : who + "\n" + instructions;
  }

  private static long micros(long since) {
    return (System.nanoTime() - since) / 1_000;
  }

  private static String bare(String jid) {
    int slash = jid.indexOf('/');
    return (slash < 0 ? jid : jid.substring(0, slash)).toLowerCase(java.util.Locale.ROOT);
  }

  private void tap(UUID exec, Agent agent, ChatRequest request) {
    vertx.eventBus().publish(PROMPT_ADDRESS, new JsonObject().put("executionId", exec.toString())
        .put("agentId", agent.id().toString()).put("system", request.system())
        .put("history", request.history().size()).put("user", request.user()),
        new DeliveryOptions().setLocalOnly(true));
  }

  @Override
  public Future<?> stop() {
    running.values().forEach(c -> c.cancel("the hub is shutting down"));
    engines.values().forEach(Engine::close);
    if (memory != null) {
      memory.close();
    }
    return Future.succeededFuture();
  }

  /** The request id already has an execution. */
  private static final class Duplicate extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Duplicate() {
      super("duplicate request", null, false, false);
    }
  }
}
