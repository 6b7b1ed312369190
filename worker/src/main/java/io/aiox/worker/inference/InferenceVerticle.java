package io.aiox.worker.inference;

import io.aiox.policy.quota.Reservations;
import io.aiox.schema.Database;
import io.aiox.schema.agent.Agent;
import io.aiox.schema.agent.AgentRepository;
import io.aiox.schema.audit.AuditLog;
import io.aiox.schema.execution.ExecutionRepository;
import io.aiox.schema.id.AgentId;
import io.aiox.schema.id.OwnerId;
import io.aiox.schema.tool.AgentToolRepository;
import io.aiox.worker.a2a.Chain;
import io.aiox.worker.a2a.Consultations;
import io.aiox.worker.context.ChatTurn;
import io.aiox.worker.context.Conversations;
import io.aiox.worker.inference.local.LlamaEngine;
import io.aiox.worker.inference.qos.QosGate;
import io.aiox.worker.inference.qos.QosQueue;
import io.aiox.worker.inference.qos.Reputation;
import io.aiox.worker.inference.qos.TurnTraits;
import io.aiox.worker.inference.remote.RemoteEngine;
import io.aiox.worker.memory.TurnMemory;
import io.aiox.worker.model.ModelRegistry;
import io.aiox.worker.model.ModelSpec;
import io.aiox.worker.telemetry.Metrics;
import io.aiox.worker.telemetry.Tracing;
import io.aiox.worker.tool.ToolCalls;
import io.aiox.worker.tool.ToolRegistry;
import io.aiox.worker.turn.TextPiece;
import io.aiox.worker.turn.ToolRunning;
import io.aiox.worker.turn.TurnAcceptance;
import io.aiox.worker.turn.TurnFailure;
import io.aiox.worker.turn.TurnReply;
import io.aiox.worker.turn.TurnRequest;
import io.aiox.worker.turn.TurnReturn;
import io.aiox.worker.turn.TurnStop;
import io.aiox.worker.turn.Turns;
import io.aiox.worker.turn.WorkerLoad;
import io.opentelemetry.api.trace.Span;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * Consumes turns on {@link Turns#ADDRESS} and on the address of each model it serves. For each: the agent
 * (owner-scoped), an execution row ({@link ExecutionLog}; the request id is unique per agent, so a turn never runs
 * twice), the prompt ({@link PromptAssembly}), then the agent's model chain ({@link ModelChain}): the first model
 * that answers wins; a retriable failure moves to the next. In front of each model a QoS queue ({@link QosGate})
 * holds the turns beyond its slots and runs the highest-scored next. The outcome, exact token counts and per-stage
 * latencies are stored; the answer goes back on the bus. A stop ({@link TurnStop}) ends the peer's running turns.
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

  private final InferenceSetup setup;
  private final ModelChain models;
  /** Each turn's stop switch from the moment it arrives, keyed {@code agentId|bare peer|sequence}. */
  private final Map<String, Cancellation> running = new ConcurrentHashMap<>();
  private final AtomicLong turnSequence = new AtomicLong();
  private final Reputation reputation = new Reputation();
  private final Metrics metrics;
  private final Tracing tracing;
  private ToolCalls toolCalls;
  private AgentRepository agents;
  private ExecutionRepository executions;
  private Conversations conversations;
  private Reservations reservations;
  private AuditLog audit;
  private TurnMemory memory;
  private PromptAssembly prompts;
  /** Null unless the bus is clustered. */
  private volatile LoadAnnouncer announcer;

  public InferenceVerticle(InferenceSetup setup) {
    this.setup = setup;
    this.models = new ModelChain(setup.models(), setup.metrics(), setup.tracing());
    this.metrics = setup.metrics();
    this.tracing = setup.tracing();
  }

  @Override
  public Future<?> start() {
    Database database = setup.database();
    memory = TurnMemory.create(vertx, database, setup.memory()).withUploads(setup.uploads());
    agents = new AgentRepository(database.ownerScope(), setup.agentsDomain());
    executions = new ExecutionRepository(database.ownerScope());
    conversations = new Conversations(setup.redis());
    audit = new AuditLog(database.ownerScope());
    reservations = new Reservations(setup.redis());
    ToolRegistry registry = setup.tools().orElseGet(() -> ToolRegistry.builtin(vertx));
    toolCalls = new ToolCalls(vertx, database, setup.redis(), registry).withMetrics(metrics);
    prompts = new PromptAssembly(vertx.eventBus(), conversations, new Consultations(vertx.eventBus(), audit),
        setup.vault(), memory, new AgentToolRepository(database.ownerScope()), registry, tracing);
    List<Future<?>> loads = new ArrayList<>();
    ModelRegistry registered = setup.models();
    for (String name : registered.names()) {
      ModelSpec spec = registered.get(name).orElseThrow();
      if (spec.provider() == ModelSpec.Provider.LOCAL) {
        // A model that does not load is reported and left out; agents on it fall back or get a clear error.
        loads.add(LlamaEngine.load(vertx, spec, registered.queueLimit())
            .onSuccess(e -> serve(spec, e))
            .onFailure(e -> {
              models.unavailable(name, e.getMessage());
              LOG.severe(e.getMessage());
            }).recover(e -> Future.succeededFuture()));
      } else {
        try {
          serve(spec, RemoteEngine.create(vertx, spec, registered.queueLimit()));
        } catch (IllegalArgumentException e) {
          models.unavailable(name, e.getMessage());
          LOG.severe(e.getMessage());
        }
      }
    }
    vertx.eventBus().consumer(Turns.ADDRESS, this::turn);
    vertx.eventBus().<TurnStop>consumer(Turns.CANCEL_ADDRESS, m -> {
      String prefix = key(m.body().agent().toString(), bare(m.body().peer())) + "|";
      running.forEach((k, c) -> {
        if (k.startsWith(prefix)) {
          c.cancel("stopped by the peer");
        }
      });
    });
    loads.add(memory.deploy());
    // on this verticle's context, so that the consumer and the announcer's timer end with it
    return Future.all(loads).andThen(r -> context.runOnContext(v -> announceLoad()));
  }

  /** On a clustered bus: turns sent to this node alone come here, and its load is announced (docs/scaling.md). */
  private void announceLoad() {
    if (vertx.isClustered()) {
      String node = ((io.vertx.core.internal.VertxInternal) vertx).clusterManager().getNodeId();
      vertx.eventBus().consumer(WorkerLoad.nodeAddress(node), this::turn);
      announcer = LoadAnnouncer.start(vertx, node, this::queues);
    }
  }

  /** A model that answers, behind its QoS queue: {@code slots} turns run, up to {@code queue_limit} more wait. */
  private void serve(ModelSpec spec, Engine engine) {
    models.serve(spec, engine, () -> {
      if (announcer != null) {
        announcer.changed();
      }
    });
    // announced on the (clustered) bus: turns for agents on this model come here first
    vertx.eventBus().consumer(Turns.modelAddress(spec.name()), this::turn);
  }

  /**
   * The QoS queue of each model this hub serves (its slots, the turns running and waiting now), for the console.
   * The map is filled at start-up and not changed after, so reading it from another thread is safe.
   */
  public Map<String, QosQueue<?>> queues() {
    return models.queues();
  }

  /** The models that did not load (name to reason), for status output. */
  public Map<String, String> unavailable() {
    return models.unavailable();
  }

  private static String key(String agentId, String peer) {
    return agentId + "|" + peer;
  }

  private void turn(Message<?> message) {
    TurnAcceptance.report(vertx, message);
    long t0 = System.nanoTime();
    TurnRequest req;
    try {
      req = request(message);
    } catch (IllegalArgumentException e) {
      TurnFailure.MODEL_UNAVAILABLE.fail(message, e.getMessage());
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
              : run(agent.get(), new ExecutionLog(executions, metrics, agent.get(), exec.get(), t0), peer, body,
                  partials(req), req.chainFrom(peer), cancel, span,
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

  /** The turn a message carries; fails with what is wrong (another type, or a wire form that does not read). */
  private static TurnRequest request(Message<?> message) {
    Object body = message.body(); // from another node, read here (TurnWire)
    if (body instanceof TurnRequest req) {
      return req;
    }
    throw new IllegalArgumentException("a turn must be sent as a TurnRequest, not as "
        + (body == null ? "nothing" : body.getClass().getSimpleName()));
  }

  /** Where the request wants its text pieces streamed, if anywhere. */
  private Consumer<String> partials(TurnRequest req) {
    if (req.partials().isEmpty()) {
      return text -> { };
    }
    String address = req.partials().get();
    // agent and peer with the request id: request ids are chosen by clients and need not be unique across them
    return text -> vertx.eventBus().send(address, new TextPiece(req.requestId(), req.agent(), req.peer(), text));
  }

  /** The sender's short status while a tool runs, when the request asked for it (chats; not agents' questions). */
  private Consumer<String> toolStatus(TurnRequest req, Agent agent) {
    if (!req.toolStatus()) {
      return tool -> { };
    }
    String to = req.peer();
    String from = agent.jid().toString();
    return tool -> vertx.eventBus().send(Turns.STATUS_ADDRESS, new ToolRunning(from, to, tool));
  }

  private Future<TurnReply> run(Agent agent, ExecutionLog log, String peer, String body, Consumer<String> onText,
                                Chain chain, Cancellation cancel, Span span, QuotaHold hold,
                                Consumer<String> onToolStart) {
    Sampling sampling;
    int priority;
    try {
      sampling = Sampling.of(agent.llmConfig());
      priority = TurnTraits.priorityOf(agent.governance());
    } catch (IllegalArgumentException e) {
      return log.failed("failed", e.getMessage())
          .compose(v -> Future.failedFuture(new EngineFailure(EngineFailure.Kind.REJECTED, e.getMessage())));
    }
    log.admitted();
    int shortTerm = agent.memoryConfig().getInteger("short_term_limit", DEFAULT_SHORT_TERM);
    return prompts.assemble(agent, peer, body, chain, sampling, span, log).compose(request -> {
      boolean mayAct = !request.tools().isEmpty();
      // a turn that may act has the tools' time (owner approvals included), not only its model's
      int timeout = mayAct ? Math.max(timeoutSeconds(agent), setup.models().tools().maxSeconds())
          : timeoutSeconds(agent);
      // The turn's deadline is a stop by the hub: what was generated is delivered, marked, and no model follows.
      long timer = vertx.setTimer(timeout * 1_000L, id -> cancel.cancel("timed out after " + timeout + " s"));
      long tInfer = System.nanoTime();
      TurnTraits traits = new TurnTraits(agent.owner(), reputation.of(agent.id()), mayAct, priority);
      ToolRounds rounds = new ToolRounds(toolCalls, setup.models().tools(), agent.owner(), agent.id(), onToolStart);
      ModelChain.Attempt attempt = new ModelChain.Attempt(request, onText, cancel, traits, span, hold, rounds);
      return models.run(agent, attempt).compose(done -> log.calls(rounds.used(), done)).andThen(r -> {
        vertx.cancelTimer(timer);
        log.stage("inference", tInfer);
        remember(agent, r.succeeded() ? null : r.cause(), r.succeeded() && r.result().cancelled());
      }).compose(done -> {
        String text = done.cancelled() ? stoppedText(done.text(), cancel.reason()) : done.text();
        if (!done.cancelled()) {
          // in the background: the reply does not wait for it
          tracing.traced("memory.remember", span, () -> memory.remember(agent, peer, body, done.text()));
        }
        Future<Integer> remembered = done.cancelled() ? Future.succeededFuture(0)
            : conversations.append(agent.id(), peer, new ChatTurn(ChatTurn.USER, body),
                new ChatTurn(ChatTurn.ASSISTANT, done.text()), shortTerm, CONTEXT_TTL);
        return Future.all(log.finished(done, text), remembered).map(v -> TurnReply.counted(text,
            done.provider(), done.model(), done.promptTokens(), done.completionTokens()));
      }, e -> log.failed(e instanceof QuotaHold.TurnRefused ? "refused" : "failed", e.getMessage())
          .compose(v -> Future.failedFuture(e)));
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

  private int timeoutSeconds(Agent agent) {
    ModelRegistry registered = setup.models();
    return registered.get(registered.modelOf(agent.llmConfig())).map(ModelSpec::timeoutSeconds)
        .orElse(ModelSpec.DEFAULT_TIMEOUT_SECONDS);
  }

  private static String bare(String jid) {
    int slash = jid.indexOf('/');
    return (slash < 0 ? jid : jid.substring(0, slash)).toLowerCase(java.util.Locale.ROOT);
  }

  @Override
  public Future<?> stop() {
    running.values().forEach(c -> c.cancel("the hub is shutting down"));
    models.close();
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
