package io.aiox.worker.inference;

import io.aiox.policy.crypto.Vault;
import io.aiox.policy.tool.ToolDefinition;
import io.aiox.schema.agent.Agent;
import io.aiox.schema.tool.AgentToolRepository;
import io.aiox.worker.a2a.Chain;
import io.aiox.worker.a2a.Consultations;
import io.aiox.worker.context.ChatTurn;
import io.aiox.worker.context.Conversations;
import io.aiox.worker.memory.TurnMemory;
import io.aiox.worker.telemetry.Tracing;
import io.aiox.worker.tool.ToolRegistry;
import io.opentelemetry.api.trace.Span;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a turn asks its model: who the agent is and its instructions (the sealed system prompt when the hub can open
 * it), what long-term memory recalls, what the agents it consults answered, the peer's short-term history, the
 * message, and the tools the agent may use. The parts are gathered at once; the prompt is then published on
 * {@link InferenceVerticle#PROMPT_ADDRESS} for a debug tap.
 */
final class PromptAssembly {
  private final EventBus bus;
  private final Conversations conversations;
  private final Consultations consultations;
  private final Optional<Vault> vault;
  private final TurnMemory memory;
  private final AgentToolRepository tools;
  private final ToolRegistry registry;
  private final Tracing tracing;

  PromptAssembly(EventBus bus, Conversations conversations, Consultations consultations, Optional<Vault> vault,
                 TurnMemory memory, AgentToolRepository tools, ToolRegistry registry, Tracing tracing) {
    this.bus = bus;
    this.conversations = conversations;
    this.consultations = consultations;
    this.vault = vault;
    this.memory = memory;
    this.tools = tools;
    this.registry = registry;
    this.tracing = tracing;
  }

  /**
   * The request for {@code body} from {@code peer} (a bare JID) to {@code agent}; the gathering is the turn's
   * {@code recall} stage, and the agents consulted are recorded with the turn.
   */
  Future<ChatRequest> assemble(Agent agent, String peer, String body, Chain chain, Sampling sampling, Span span,
                               ExecutionLog log) {
    long started = System.nanoTime();
    Future<JsonArray> consulted = consult(agent, body, chain, span).compose(calls -> log.calls(calls, calls));
    // A sealed prompt that cannot be opened fails the turn: answering without the owner's instructions is worse.
    Future<String> sealed = vault.map(v -> v.systemPrompt(agent.owner(), agent.id()))
        .orElse(Future.succeededFuture(""));
    Future<String> recalled = tracing.traced("memory.recall", span, () -> memory.recall(agent, peer, body));
    Future<List<String>> enabled = tools.enabled(agent.owner(), agent.id());
    return Future.all(conversations.history(agent.id(), peer), consulted, sealed, recalled, enabled).map(all -> {
      List<ChatTurn> history = all.resultAt(0);
      log.stage("recall", started);
      String others = Consultations.promptLines(consulted.result());
      String system = systemPrompt(agent, sealed.result()) + recalled.result();
      List<ToolDefinition> offered = offered(enabled.result());
      ChatRequest request = new ChatRequest(others.isEmpty() ? system : system + "\n" + others, history, body,
          sampling, offered, List.of(), !offered.isEmpty() && "required".equals(agent.llmConfig()
              .getString("tool_choice")));
      tap(log, agent, request);
      return request;
    });
  }

  /** Who the agent is, then its instructions: the sealed system prompt when it has one, else the profile's. */
  static String systemPrompt(Agent agent, String sealed) {
    String instructions = sealed.isBlank() ? agent.profile().getString("instructions", "") : sealed;
    String who = "You are " + agent.name() + (agent.description().isBlank() ? "." : ", " + agent.description() + ".");
    return instructions.isBlank() ? who : who + "\n" + instructions;
  }

  /** The agents {@code agent} consults, under an {@code a2a.consult} span when there are any. */
  private Future<JsonArray> consult(Agent agent, String body, Chain chain, Span span) {
    return Consultations.targets(agent).isEmpty() ? consultations.consult(agent, body, chain)
        : tracing.traced("a2a.consult", span, () -> consultations.consult(agent, body, chain));
  }

  /** The enabled tools this hub can run, as the model is offered them. */
  private List<ToolDefinition> offered(List<String> enabled) {
    List<ToolDefinition> offered = new ArrayList<>();
    for (String name : enabled) {
      registry.tool(name).ifPresent(t -> offered.add(t.definition()));
    }
    return offered;
  }

  private void tap(ExecutionLog log, Agent agent, ChatRequest request) {
    bus.publish(InferenceVerticle.PROMPT_ADDRESS, new JsonObject().put("executionId", log.execution().toString())
        .put("agentId", agent.id().toString()).put("system", request.system())
        .put("history", request.history().size()).put("user", request.user()),
        new DeliveryOptions().setLocalOnly(true));
  }
}
