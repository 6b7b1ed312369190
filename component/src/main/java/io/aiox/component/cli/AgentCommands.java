package io.aiox.component.cli;

import io.aiox.schema.admin.OperatorQueries;
import io.aiox.schema.agent.Agent;
import io.aiox.schema.agent.NewAgent;
import io.aiox.schema.agent.Visibility;
import io.aiox.schema.id.AgentJid;
import io.aiox.schema.user.User;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintStream;
import java.util.List;

/** {@code agent create|list|delete}. */
final class AgentCommands {
  private AgentCommands() {}

  static void run(Operator op, Args args, PrintStream out) {
    String verb = args.word(1, "agent command (create, list, delete)");
    switch (verb) {
      case "create" -> create(op, args, out);
      case "list" -> list(op, args, out);
      case "delete" -> delete(op, args, out);
      default -> throw new Args.UsageException("unknown agent command " + verb + " (known: create, list, delete)");
    }
  }

  private static void create(Operator op, Args args, PrintStream out) {
    User owner = owner(op, args.required("owner"));
    Visibility visibility = parseVisibility(args.option("visibility", "private"));
    JsonObject profile = new JsonObject().put("name", args.required("name"));
    String description = args.option("description", null);
    if (description != null) {
      profile.put("description", description);
    }
    JsonObject llm = new JsonObject();
    String model = args.option("model", op.config.models().defaultModel());
    checkModel(op, model);
    if (!model.isEmpty()) {
      llm.put("model", model);
    }
    String fallbacks = args.option("fallbacks", "");
    if (!fallbacks.isBlank()) {
      JsonArray chain = new JsonArray();
      for (String f : fallbacks.split(",")) {
        checkModel(op, f.trim());
        chain.add(f.trim());
      }
      llm.put("fallbacks", chain);
    }
    String systemPrompt = args.option("system-prompt", "");
    if (!systemPrompt.isEmpty()) {
      op.vault(); // no master key: refused before the agent exists
    }
    Agent agent = op.agents.create(owner.id(), new NewAgent(profile, llm, null, null, null, visibility)).await();
    if (!systemPrompt.isEmpty()) {
      op.vault().setSystemPrompt(owner.id(), agent.id(), systemPrompt).await();
    }
    out.println(args.flag("json") ? json(agent).encode() : agent.jid().toString());
  }

  /** An unknown model is refused now, not at the agent's first message. */
  private static void checkModel(Operator op, String model) {
    if (!model.isEmpty() && !op.config.models().names().contains(model)) {
      throw new Args.UsageException("unknown model " + model + "; this hub offers "
          + (op.config.models().names().isEmpty() ? "no models (configure inference.models)"
              : String.join(", ", op.config.models().names())));
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

  private static void delete(Operator op, Args args, PrintStream out) {
    String text = args.word(2, "agent JID");
    AgentJid jid = AgentJid.parse(text)
        .orElseThrow(() -> new Args.UsageException("not an agent JID (agent-<uuid>@<agents domain>): " + text));
    Agent agent = op.agents.route(jid).await().filter(a -> !a.deleted())
        .orElseThrow(() -> new Args.UsageException("no such agent: " + text));
    op.agents.softDelete(agent.owner(), agent.id()).await();
    out.println(args.flag("json") ? new JsonObject().put("deleted", jid.toString()).encode() : "deleted " + jid);
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
