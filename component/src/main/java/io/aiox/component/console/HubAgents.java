package io.aiox.component.console;

import io.aiox.component.agents.AgentChanges;
import io.aiox.component.agents.AgentDraft;
import io.aiox.component.agents.OwnerAgents;
import io.aiox.policy.tool.ToolCatalog;
import io.aiox.policy.tool.ToolDefinition;
import io.aiox.schema.admin.OperatorQueries;
import io.aiox.schema.agent.Agent;
import io.aiox.schema.agent.AgentRepository;
import io.aiox.schema.id.AgentId;
import io.aiox.schema.id.AgentJid;
import io.aiox.schema.id.OwnerId;
import io.aiox.schema.user.User;
import io.aiox.schema.user.UserRepository;
import io.aiox.web.agents.AgentDetails;
import io.aiox.web.agents.AgentInput;
import io.aiox.web.agents.ConsoleAgents;
import io.aiox.worker.model.ModelRegistry;
import io.aiox.worker.model.ModelSpec;
import io.aiox.worker.tool.mcp.McpToolName;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** The console's agents over {@link OwnerAgents}: the rules of the ad-hoc commands, refusals as problems. */
public final class HubAgents implements ConsoleAgents {
  private final OwnerAgents owners;
  private final AgentRepository agents;
  private final UserRepository users;
  private final OperatorQueries operator;
  private final String agentsDomain;
  private final int maxPerUser;

  /** @param maxPerUser {@code agents.max_per_user}: how many live agents a (non-admin) user may create */
  public HubAgents(OwnerAgents owners, AgentRepository agents, UserRepository users, OperatorQueries operator,
                   String agentsDomain, int maxPerUser) {
    this.owners = owners;
    this.agents = agents;
    this.users = users;
    this.operator = operator;
    this.agentsDomain = agentsDomain;
    this.maxPerUser = maxPerUser;
  }

  @Override
  public Future<Agent> create(OwnerId owner, boolean limited, AgentInput in) {
    return guarded(() -> {
      AgentDraft draft = new AgentDraft(in.name().orElse(""), in.description().orElse(""),
          in.systemPrompt().orElse(""), in.model().orElse(""), in.fallbacks().orElse(List.of()),
          in.visibility().orElse(null), in.memory().orElse(null), in.governance().orElse(null),
          in.tools().orElse(null));
      return limited ? owners.createWithin(owner, draft, maxPerUser) : owners.create(owner, draft);
    });
  }

  @Override
  public Future<List<Agent>> list(OwnerId owner) {
    return owners.list(owner);
  }

  @Override
  public Future<List<Agent>> all() {
    return operator.allAgents();
  }

  @Override
  public Future<Optional<Agent>> find(AgentId id) {
    return agents.route(new AgentJid(id, agentsDomain));
  }

  @Override
  public Future<Agent> update(Agent agent, AgentInput in) {
    return guarded(() -> owners.configure(agent.owner(), agent.id(), new AgentChanges(in.name(), in.description(),
        in.systemPrompt(), in.model(), in.fallbacks(), in.visibility(), in.memory(), in.tools(), in.governance())));
  }

  @Override
  public Future<Agent> delete(Agent agent) {
    return guarded(() -> owners.delete(agent.owner(), agent.id()));
  }

  @Override
  public Future<AgentDetails> details(Agent agent) {
    Future<String> name = users.findById(agent.owner()).map(u -> u.map(User::username).orElse(""));
    Future<String> prompt = owners.systemPrompt(agent.owner(), agent.id()).map(p -> p.orElse(""));
    return Future.all(name, prompt, owners.toolPolicies(agent.owner(), agent.id()))
        .map(all -> new AgentDetails(all.resultAt(0), all.resultAt(1), all.resultAt(2)));
  }

  @Override
  public Future<JsonObject> setTool(Agent agent, String tool, boolean enabled, JsonObject policy) {
    return guarded(() -> enabled
        ? owners.enableTool(agent.owner(), agent.id(), tool, policy).map(policy)
        : owners.disableTool(agent.owner(), agent.id(), tool).map(was -> new JsonObject()));
  }

  @Override
  public List<JsonObject> models() {
    ModelRegistry models = owners.models();
    return models.names().stream().sorted().map(n -> model(models, n)).toList();
  }

  static JsonObject model(ModelRegistry models, String name) {
    ModelSpec spec = models.get(name).orElseThrow();
    return new JsonObject().put("name", name).put("provider", spec.provider().name().toLowerCase(java.util.Locale.ROOT))
        .put("local", spec.provider() == ModelSpec.Provider.LOCAL).put("default", name.equals(models.defaultModel()));
  }

  @Override
  public JsonObject tools() {
    JsonArray tools = new JsonArray();
    ToolCatalog.all().stream().sorted(java.util.Comparator.comparing(ToolDefinition::name))
        .forEach(t -> tools.add(new JsonObject().put("name", t.name()).put("description", t.description())
            .put("default_policy", t.defaults().toJson())));
    JsonArray mcp = new JsonArray();
    owners.rules().mcp().servers().values().forEach(s -> mcp.add(new JsonObject().put("name", s.name())
        .put("tool_prefix", McpToolName.PREFIX + s.name() + "_").put("default_policy", s.defaults().toJson())));
    return new JsonObject().put("tools", tools).put("mcp_servers", mcp);
  }

  /** Runs the rules; a refusal thrown before any future began, or failing one, becomes its problem document. */
  private static <T> Future<T> guarded(Supplier<Future<T>> work) {
    try {
      return work.get().recover(Refusals::asProblem);
    } catch (RuntimeException e) {
      return Refusals.asProblem(e);
    }
  }
}
