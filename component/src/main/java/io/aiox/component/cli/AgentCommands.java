package io.aiox.component.cli;

import io.aiox.policy.quota.QuotaDefaults;
import io.aiox.component.agents.AgentDraft;
import io.aiox.component.agents.AgentRefused;
import io.aiox.policy.tool.PolicyInvalid;
import io.aiox.policy.tool.ToolPolicy;
import io.aiox.schema.admin.OperatorQueries;
import io.aiox.schema.agent.Agent;
import io.aiox.schema.tool.AgentToolRepository;
import io.aiox.schema.agent.AgentRepository.Setting;
import io.aiox.schema.agent.Visibility;
import io.aiox.schema.id.AgentJid;
import io.aiox.schema.user.User;
import io.aiox.worker.inference.Sampling;
import io.aiox.worker.inference.qos.TurnTraits;
import io.aiox.worker.memory.MemorySettings;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code agent create|list|delete}, {@code agent set <jid>} (merge into the agent's llm_config, memory_config or
 * governance, change its visibility) and {@code agent tool enable|disable <jid> <tool>}.
 */
final class AgentCommands {
  private AgentCommands() {}

  static void run(Operator op, Args args, PrintStream out) {
    String verb = args.word(1, "agent command (create, list, set, tool, delete)");
    switch (verb) {
      case "create" -> create(op, args, out);
      case "list" -> list(op, args, out);
      case "set" -> set(op, args, out);
      case "tool" -> tool(op, args, out);
      case "delete" -> delete(op, args, out);
      default -> throw new Args.UsageException("unknown agent command " + verb
          + " (known: create, list, set, tool, delete)");
    }
  }

  private static void create(Operator op, Args args, PrintStream out) {
    User owner = owner(op, args.required("owner"));
    Visibility visibility = parseVisibility(args.option("visibility", "private"));
    String fallbacks = args.option("fallbacks", "");
    List<String> chain = fallbacks.isBlank() ? List.of()
        : Arrays.stream(fallbacks.split(",")).map(String::trim).toList();
    AgentDraft draft = new AgentDraft(args.required("name"), args.option("description", ""),
        args.option("system-prompt", ""), args.option("model", ""), chain, visibility, false);
    // The operator's door is not held to agents.max_per_user: that limit is for self-service (rfc section 8.1).
    Agent agent = refusedAsUsage(() -> op.ownerAgents().create(owner.id(), draft).await());
    rostered(agent, "created", op.rosters.added(agent));
    out.println(args.flag("json") ? json(agent).encode() : agent.jid().toString());
  }

  /** An unknown model is refused now, not at the agent's first message. */
  private static void checkModel(Operator op, String model) {
    refusedAsUsage(() -> {
      op.ownerAgents().checkModel(model);
      return null;
    });
  }

  /** The shared rules' refusals are the operator's usage errors (exit 2). */
  private static <T> T refusedAsUsage(Supplier<T> work) {
    try {
      return work.get();
    } catch (AgentRefused e) {
      throw new Args.UsageException(e.getMessage());
    }
  }

  private static void list(Operator op, Args args, PrintStream out) {
    String ownerName = args.option("owner", null);
    List<Agent> agents;
    if (ownerName != null) {
      agents = op.agents.listByOwner(owner(op, ownerName).id()).await();
    } else {
      try (OperatorQueries all = OperatorQueries.connect(op.vertx, op.config.database())) {
        agents = all.allAgents().await();
      }
    }
    if (args.flag("json")) {
      JsonArray array = new JsonArray();
      agents.forEach(a -> array.add(json(a)));
      out.println(array.encode());
    } else {
      agents.forEach(a -> out.println(a.jid() + "  " + a.visibility().sql() + "  " + a.name()));
    }
  }

  /**
   * Each of {@code --llm}, {@code --memory} and {@code --governance} is a JSON object merged into that setting; the
   * merged setting is checked the way a turn would read it, so a bad value is refused here, not at the next message.
   */
  private static void set(Operator op, Args args, PrintStream out) {
    Agent agent = liveAgent(op, args.word(2, "agent JID"));
    Map<Setting, JsonObject> patches = new EnumMap<>(Setting.class);
    patch(args, "llm", agent.llmConfig()).ifPresent(merged -> {
      Sampling.of(merged);
      checkModel(op, merged.getString("model", ""));
      merged.getJsonArray("fallbacks", new JsonArray()).forEach(f -> checkModel(op, String.valueOf(f)));
      patches.put(Setting.LLM_CONFIG, args.jsonObject("llm"));
    });
    patch(args, "memory", agent.memoryConfig()).ifPresent(merged -> {
      MemorySettings.of(merged);
      patches.put(Setting.MEMORY_CONFIG, args.jsonObject("memory"));
    });
    patch(args, "governance", agent.governance()).ifPresent(merged -> {
      QuotaDefaults.DEFAULTS.resolve(new JsonObject(), merged);
      TurnTraits.priorityOf(merged);
      patches.put(Setting.GOVERNANCE, args.jsonObject("governance"));
    });
    String visibility = args.option("visibility", null);
    Optional<Visibility> newVisibility = Optional.ofNullable(visibility).map(AgentCommands::parseVisibility);
    if (patches.isEmpty() && newVisibility.isEmpty()) {
      throw new Args.UsageException("nothing to set: give --llm, --memory, --governance (JSON objects) or"
          + " --visibility");
    }
    Agent updated = op.agents.update(agent.owner(), agent.id(), patches, newVisibility).await()
        .orElseThrow(() -> new Args.UsageException("no such agent: " + agent.jid()));
    if (newVisibility.isPresent() || patches.containsKey(Setting.GOVERNANCE)) {
      rostered(updated, "updated", op.rosters.changed(agent, updated)); // who is shared with may have changed
    }
    out.println(args.flag("json") ? json(updated).put("llm_config", updated.llmConfig())
        .put("memory_config", updated.memoryConfig()).put("governance", updated.governance()).encode()
        : "updated " + updated.jid());
  }

  /** The setting merged with the option's JSON (nulls removing keys), checked; empty when the option is absent. */
  private static Optional<JsonObject> patch(Args args, String option, JsonObject current) {
    if (args.option(option, null) == null) {
      return Optional.empty();
    }
    JsonObject merged = current.copy().mergeIn(args.jsonObject(option));
    merged.fieldNames().removeIf(k -> merged.getValue(k) == null);
    return Optional.of(merged);
  }

  /** {@code agent tool enable <jid> <tool> [--policy JSON]} and {@code agent tool disable <jid> <tool>}. */
  private static void tool(Operator op, Args args, PrintStream out) {
    String verb = args.word(2, "agent tool command (enable, disable)");
    Agent agent = liveAgent(op, args.word(3, "agent JID"));
    String name = args.word(4, "tool name");
    switch (verb) {
      case "enable" -> {
        ToolPolicy defaults = defaults(op, name);
        JsonObject policy = args.jsonObject("policy");
        try {
          defaults.withOverrides(policy);
        } catch (PolicyInvalid e) {
          throw new Args.UsageException(e.getMessage());
        }
        new AgentToolRepository(op.database.ownerScope()).enable(agent.owner(), agent.id(), name, policy).await();
        out.println(args.flag("json") ? new JsonObject().put("agent", agent.jid().toString()).put("tool", name)
            .put("enabled", true).put("policy", policy).encode() : name + " enabled for " + agent.jid());
      }
      case "disable" -> {
        // any name may be disabled (an MCP tool's too): the repository only removes what the owner enabled
        if (!new AgentToolRepository(op.database.ownerScope()).disable(agent.owner(), agent.id(), name).await()) {
          throw new Args.UsageException(name + " is not enabled for " + agent.jid());
        }
        out.println(args.flag("json") ? new JsonObject().put("agent", agent.jid().toString()).put("tool", name)
            .put("enabled", false).encode() : name + " disabled for " + agent.jid());
      }
      default -> throw new Args.UsageException("unknown agent tool command " + verb + " (known: enable, disable)");
    }
  }

  /**
   * The default policy of a catalog tool, or of a tool of an MCP server the operator configured
   * ({@code mcp_<server>_<tool>}); whether that server has the tool is known once the hub has connected to it.
   */
  private static ToolPolicy defaults(Operator op, String name) {
    return refusedAsUsage(() -> op.ownerAgents().rules().toolDefaults(name));
  }

  private static Agent liveAgent(Operator op, String text) {
    AgentJid jid = AgentJid.parse(text)
        .orElseThrow(() -> new Args.UsageException("not an agent JID (agent-<uuid>@<agents domain>): " + text));
    return op.agents.route(jid).await().filter(a -> !a.deleted())
        .orElseThrow(() -> new Args.UsageException("no such agent: " + text));
  }

  private static void delete(Operator op, Args args, PrintStream out) {
    String text = args.word(2, "agent JID");
    Agent agent = liveAgent(op, text);
    AgentJid jid = agent.jid();
    refusedAsUsage(() -> op.ownerAgents().delete(agent.owner(), agent.id()).await());
    rostered(agent, "deleted", op.rosters.removed(agent));
    out.println(args.flag("json") ? new JsonObject().put("deleted", jid.toString()).encode() : "deleted " + jid);
  }

  /** Waits for the rosters to follow; the stored change stands either way, and the failure says so. */
  private static void rostered(Agent agent, String done, Future<Void> roster) {
    try {
      roster.await();
    } catch (RuntimeException e) {
      throw new IllegalStateException("agent " + agent.jid() + " " + done + ", but its users' rosters were not"
          + " updated: " + e.getMessage(), e);
    }
  }

  private static User owner(Operator op, String name) {
    return op.users.findByName(name).await()
        .orElseThrow(() -> new Args.UsageException("no such user: " + name + " (create it with ./aiox user add)"));
  }

  private static Visibility parseVisibility(String text) {
    try {
      return Visibility.parse(text);
    } catch (IllegalArgumentException e) {
      throw new Args.UsageException(e.getMessage());
    }
  }

  static JsonObject json(Agent a) {
    return new JsonObject().put("id", a.id().toString()).put("jid", a.jid().toString()).put("owner", a.owner().toString())
        .put("name", a.name()).put("visibility", a.visibility().sql()).put("model", a.llmConfig().getString("model"))
        .put("created", a.createdAt().toString());
  }
}
