package io.aiox.component.agents;

import io.aiox.component.agents.AgentRefused.Kind;
import io.aiox.policy.crypto.Vault;
import io.aiox.schema.agent.Agent;
import io.aiox.schema.agent.AgentRepository;
import io.aiox.schema.agent.AgentRepository.Setting;
import io.aiox.schema.agent.NewAgent;
import io.aiox.schema.id.AgentId;
import io.aiox.schema.id.OwnerId;
import io.aiox.schema.tool.AgentToolRepository;
import io.aiox.worker.model.ModelRegistry;
import io.aiox.worker.tool.mcp.McpConfig;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Creates, changes and deletes an owner's agents with the hub's rules, for every door (CLI, ad-hoc commands, the
 * console).
 * Everything is checked before anything is written; refusals are {@link AgentRefused}.
 */
public final class OwnerAgents {
  private final AgentRepository agents;
  private final AgentToolRepository tools;
  private final AgentRules rules;
  private final Supplier<Optional<Vault>> vault;
  private AgentEvents events = AgentEvents.NONE;

  /** {@code vault} is asked only when a system prompt is sealed or opened; empty: this hub has no master key. */
  public OwnerAgents(AgentRepository agents, AgentToolRepository tools, AgentRules rules,
                     Supplier<Optional<Vault>> vault) {
    this.agents = agents;
    this.tools = tools;
    this.rules = rules;
    this.vault = vault;
  }

  /** Without the operator's MCP servers: only catalog tools may be enabled. */
  public OwnerAgents(AgentRepository agents, AgentToolRepository tools, ModelRegistry models,
                     Supplier<Optional<Vault>> vault) {
    this(agents, tools, new AgentRules(models, McpConfig.NONE), vault);
  }

  /** Who hears of creations, changes and deletions (the owners' rosters); before use. */
  public OwnerAgents withEvents(AgentEvents events) {
    this.events = events;
    return this;
  }

  public ModelRegistry models() {
    return rules.models();
  }

  public AgentRules rules() {
    return rules;
  }

  /** Whether this hub can seal a system prompt (it has a master key). */
  public boolean seals() {
    return vault.get().isPresent();
  }

  /** Creates the agent, with no limit on how many the owner holds (the operator's door). */
  public Future<Agent> create(OwnerId owner, AgentDraft draft) {
    return create(owner, draft, OptionalInt.empty());
  }

  /** Creates the agent unless the owner already holds {@code maxLive} live agents ({@link Kind#LIMIT}). */
  public Future<Agent> createWithin(OwnerId owner, AgentDraft draft, int maxLive) {
    return create(owner, draft, OptionalInt.of(maxLive));
  }

  private Future<Agent> create(OwnerId owner, AgentDraft draft, OptionalInt maxLive) {
    NewAgent fresh;
    Optional<Vault> sealer;
    try {
      fresh = newAgent(draft);
      sealer = draft.systemPrompt().isEmpty() ? Optional.empty() : Optional.of(vault()); // refused before it exists
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    Future<Agent> created = maxLive.isEmpty() ? agents.create(owner, fresh)
        : agents.createWithin(owner, fresh, maxLive.getAsInt()).map(a -> a.orElseThrow(() -> limit(maxLive)));
    return created.compose(agent -> sealer.isEmpty() ? Future.succeededFuture(agent)
        : sealer.get().setSystemPrompt(owner, agent.id(), draft.systemPrompt()).transform(r -> r.succeeded()
            ? Future.succeededFuture(agent)
            // an agent without the prompt its creator asked for would answer unlike they meant: take it back
            : agents.softDelete(owner, agent.id()).transform(d -> Future.<Agent>failedFuture(r.cause()))))
        .compose(agent -> draft.tools().isEmpty() ? Future.succeededFuture(agent)
            : setTools(owner, agent.id(), draft.tools()).map(agent))
        .onSuccess(events::created);
  }

  private static AgentRefused limit(OptionalInt max) {
    int n = max.getAsInt();
    return new AgentRefused(Kind.LIMIT, n == 0 ? "this hub lets no user create agents by themselves"
        + " (agents.max_per_user is 0); ask its operator"
        : "you already have " + n + " agents, the most this hub allows a user (agents.max_per_user); delete one"
        + " to create another");
  }

  private NewAgent newAgent(AgentDraft draft) {
    JsonObject profile = new JsonObject().put("name", AgentRules.name(draft.name()));
    if (!AgentRules.description(draft.description()).isEmpty()) {
      profile.put("description", draft.description().strip());
    }
    AgentRules.systemPrompt(draft.systemPrompt());
    String model = draft.model().isEmpty() ? rules.models().defaultModel() : draft.model();
    rules.checkModel(model);
    JsonObject llm = new JsonObject();
    if (!model.isEmpty()) {
      llm.put("model", model);
    }
    if (!draft.fallbacks().isEmpty()) {
      draft.fallbacks().forEach(rules::checkModel);
      llm.put("fallbacks", new JsonArray(new ArrayList<>(draft.fallbacks())));
    }
    JsonObject memory = rules.memory(new JsonObject(), draft.memory());
    JsonObject governance = rules.governance(new JsonObject(), draft.governance());
    draft.tools().forEach(rules::toolDefaults);
    return new NewAgent(profile, llm, null, memory, governance, draft.visibility());
  }

  /** An unknown model is refused now, not at the agent's first message. "" (the default) passes. */
  public void checkModel(String model) {
    rules.checkModel(model);
  }

  /** The owner's live agents, oldest first. */
  public Future<List<Agent>> list(OwnerId owner) {
    return agents.listByOwner(owner);
  }

  /** The owner's live agent; {@link Kind#NOT_FOUND} for a deleted one or another owner's. */
  public Future<Agent> live(OwnerId owner, AgentId id) {
    return agents.get(owner, id).map(a -> a.filter(x -> !x.deleted())
        .orElseThrow(() -> new AgentRefused(Kind.NOT_FOUND, "you have no agent " + id)));
  }

  /** The agent's system prompt in plaintext ("" for none); empty when this hub has no master key to open it. */
  public Future<Optional<String>> systemPrompt(OwnerId owner, AgentId id) {
    Optional<Vault> v = vault.get();
    return v.isEmpty() ? Future.succeededFuture(Optional.empty()) : v.get().systemPrompt(owner, id).map(Optional::of);
  }

  /** The names of the tools enabled on the owner's agent. */
  public Future<List<String>> tools(OwnerId owner, AgentId id) {
    return tools.enabled(owner, id);
  }

  /** The tools enabled on the owner's agent, each with the owner's overrides of its default policy. */
  public Future<Map<String, JsonObject>> toolPolicies(OwnerId owner, AgentId id) {
    return tools.policies(owner, id);
  }

  /** Applies the changes to the owner's live agent; checked in full before anything is written. */
  public Future<Agent> configure(OwnerId owner, AgentId id, AgentChanges changes) {
    return live(owner, id).compose(agent -> {
      Map<Setting, JsonObject> patches;
      Optional<Vault> sealer;
      try {
        patches = patches(agent, changes);
        changes.systemPrompt().ifPresent(AgentRules::systemPrompt);
        sealer = changes.systemPrompt().filter(p -> !p.isEmpty()).map(p -> vault());
        changes.tools().ifPresent(t -> t.forEach(rules::toolDefaults));
      } catch (RuntimeException e) {
        return Future.failedFuture(e);
      }
      return agents.update(owner, id, patches, changes.visibility())
          .map(u -> u.orElseThrow(() -> new AgentRefused(Kind.NOT_FOUND, "you have no agent " + agent.jid())))
          .compose(updated -> prompt(owner, id, changes.systemPrompt(), sealer).map(updated))
          .compose(updated -> changes.tools().map(t -> setTools(owner, id, t)).orElse(Future.succeededFuture())
              .map(updated))
          .onSuccess(updated -> {
            if (!agent.name().equals(updated.name()) || agent.visibility() != updated.visibility()
                || !agent.governance().equals(updated.governance())) {
              events.changed(agent, updated);
            }
          });
    });
  }

  private Map<Setting, JsonObject> patches(Agent agent, AgentChanges c) {
    Map<Setting, JsonObject> patches = new EnumMap<>(Setting.class);
    JsonObject profile = new JsonObject();
    c.name().ifPresent(n -> profile.put("name", AgentRules.name(n)));
    c.description().ifPresent(d -> profile.put("description", AgentRules.description(d).isEmpty() ? null
        : d.strip()));
    if (!profile.isEmpty()) {
      patches.put(Setting.PROFILE, profile);
    }
    JsonObject llm = new JsonObject();
    c.model().ifPresent(m -> {
      rules.checkModel(m);
      llm.put("model", m);
    });
    c.fallbacks().ifPresent(f -> {
      f.forEach(rules::checkModel);
      llm.put("fallbacks", f.isEmpty() ? null : new JsonArray(new ArrayList<>(f)));
    });
    if (!llm.isEmpty()) {
      patches.put(Setting.LLM_CONFIG, llm);
    }
    c.memory().ifPresent(patch -> {
      rules.memory(agent.memoryConfig(), patch);
      patches.put(Setting.MEMORY_CONFIG, patch);
    });
    c.governance().ifPresent(patch -> {
      rules.governance(agent.governance(), patch);
      patches.put(Setting.GOVERNANCE, patch);
    });
    return patches;
  }

  private Future<Void> prompt(OwnerId owner, AgentId id, Optional<String> prompt, Optional<Vault> sealer) {
    if (prompt.isEmpty()) {
      return Future.succeededFuture();
    }
    Future<Boolean> set = sealer.isPresent() ? sealer.get().setSystemPrompt(owner, id, prompt.get())
        : agents.setSystemPrompt(owner, id, null); // clearing needs no key
    return set.mapEmpty();
  }

  /** Enables the tool on the agent with these overrides of its default policy (checked), or replaces them. */
  public Future<Void> enableTool(OwnerId owner, AgentId id, String name, JsonObject policy) {
    try {
      rules.toolPolicy(name, policy);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    return tools.enable(owner, id, name, policy);
  }

  /** True when the tool was enabled. */
  public Future<Boolean> disableTool(OwnerId owner, AgentId id, String name) {
    try {
      rules.toolDefaults(name);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    return tools.disable(owner, id, name);
  }

  /** New tools get their default policy, tools left out are disabled, the others keep their policy. */
  private Future<Void> setTools(OwnerId owner, AgentId id, Set<String> wanted) {
    return tools.enabled(owner, id).compose(current -> {
      List<Future<?>> steps = new ArrayList<>();
      wanted.stream().filter(t -> !current.contains(t)).forEach(t -> steps.add(tools.enable(owner, id, t,
          new JsonObject())));
      current.stream().filter(t -> !wanted.contains(t)).forEach(t -> steps.add(tools.disable(owner, id, t)));
      return Future.all(steps).mapEmpty();
    });
  }

  /** Soft-deletes the owner's live agent and returns it. */
  public Future<Agent> delete(OwnerId owner, AgentId id) {
    return live(owner, id).compose(agent -> agents.softDelete(owner, id).map(done -> {
      if (!done) {
        throw new AgentRefused(Kind.NOT_FOUND, "you have no agent " + agent.jid());
      }
      events.deleted(agent);
      return agent;
    }));
  }

  private Vault vault() {
    return vault.get().orElseThrow(() -> new AgentRefused(Kind.NO_MASTER_KEY, "this hub has no master key"
        + " (security.master_key_file), so a system prompt cannot be sealed; leave it empty or ask the operator"));
  }
}
