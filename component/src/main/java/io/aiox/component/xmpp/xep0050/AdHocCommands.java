package io.aiox.component.xmpp.xep0050;

import io.aiox.component.xmpp.routing.AgentDirectory;
import io.aiox.component.xmpp.routing.IqHandler;
import io.aiox.component.xmpp.routing.StanzaErrors;
import io.aiox.component.xmpp.routing.Target;
import io.aiox.schema.agent.Agent;
import io.aiox.schema.agent.AgentRepository;
import io.aiox.policy.quota.Limit;
import io.aiox.policy.quota.QuotaScope;
import io.aiox.policy.quota.QuotaStatus;
import io.aiox.policy.quota.QuotaStatus.Usage;
import io.aiox.policy.quota.Quotas;
import io.aiox.worker.context.Conversations;
import io.aiox.worker.memory.MemoryClient;
import io.aiox.worker.model.ModelRegistry;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.dom4j.Element;
import org.xmpp.packet.IQ;
import org.xmpp.packet.PacketError.Condition;

/**
 * The owner's commands on an agent (rfc/ section 8). Stateless across stages: the second stage of
 * {@code model} carries the submitted form, so any component instance can complete a command another one began.
 */
public final class AdHocCommands implements IqHandler {
  public static final String NAMESPACE = "http://jabber.org/protocol/commands";
  /** The disco node that lists the commands. */
  public static final String NODE = NAMESPACE;
  static final String DATA = "jabber:x:data";

  /** A command's node and its human name. */
  public record Command(String node, String name) {}

  public static final List<Command> COMMANDS = Stream.concat(Stream.of(
      new Command("reset", "Reset conversation"), new Command("quota", "Show quota"),
      new Command("model", "Show or switch model")), MemoryCommands.COMMANDS.stream()).toList();

  private final Conversations conversations;
  private final Quotas quotas;
  private final AgentRepository agents;
  private final AgentDirectory directory;
  private final ModelRegistry models;
  private final MemoryCommands memory;
  private final ServiceCommands service;

  /** With {@code service} answering the commands on the agents domain itself (rfc section 8.1). */
  public AdHocCommands(Conversations conversations, Quotas quotas, AgentRepository agents,
                       AgentDirectory directory, ModelRegistry models, MemoryClient memory, ServiceCommands service) {
    this.memory = new MemoryCommands(memory);
    this.service = service;
    this.conversations = conversations;
    this.quotas = quotas;
    this.agents = agents;
    this.directory = directory;
    this.models = models;
  }

  @Override
  public String namespace() {
    return NAMESPACE;
  }

  /** Whether the sender may run the agent's commands: its owner only. */
  public static boolean mayRun(Target target) {
    return target.agent().isPresent() && target.sender().isPresent()
        && target.sender().get().id().equals(target.agent().get().owner());
  }

  @Override
  public Future<IQ> handle(IQ iq, Target target) {
    Element command = iq.getChildElement();
    String node = command.attributeValue("node", "");
    if (iq.getType() != IQ.Type.set) {
      return error(iq, Condition.bad_request, "commands are run with an IQ of type set");
    }
    if (target.service()) {
      return service.handle(iq, target);
    }
    if (!mayRun(target)) {
      return error(iq, Condition.forbidden, "only the agent's owner may run its commands");
    }
    String action = command.attributeValue("action", "execute");
    String session = command.attributeValue("sessionid", UUID.randomUUID().toString());
    Agent agent = target.agent().orElseThrow();
    if (action.equals("cancel")) {
      return Future.succeededFuture(response(iq, node, session, "canceled"));
    }
    return switch (node) {
      case "reset" -> conversations.reset(agent.id(), target.senderBareJid()).map(had -> {
        IQ r = response(iq, node, session, "completed");
        note(r, had ? "The conversation was reset; the agent starts afresh." : "There was no conversation to reset.");
        return r;
      });
      case "quota" -> quotas.status(agent.owner(), agent.id(), agent.governance())
          .map(status -> quota(iq, session, status))
          .recover(e -> error(iq, Condition.service_unavailable, "the quota cannot be read now: " + e.getMessage()));
      case "model" -> model(iq, command, action, session, agent);
      default -> memory.handles(node) ? memory.handle(iq, command, session, agent, target.senderBareJid())
          : error(iq, Condition.item_not_found, "no such command: " + node);
    };
  }

  private Future<IQ> model(IQ iq, Element command, String action, String session, Agent agent) {
    String current = models.modelOf(agent.llmConfig());
    Element submitted = command.element(org.dom4j.QName.get("x", DATA));
    if (submitted == null || !"submit".equals(submitted.attributeValue("type"))) {
      if (!action.equals("execute")) {
        return error(iq, Condition.bad_request, "submit the form to switch the model");
      }
      IQ r = response(iq, "model", session, "executing");
      Element actions = r.getChildElement().addElement("actions").addAttribute("execute", "complete");
      actions.addElement("complete");
      Element x = form(r, "form", "Model");
      x.addElement("instructions").setText("The agent answers with " + current + ". Choose another to switch.");
      Element f = field(x, "model", "list-single", "Model");
      f.addElement("value").setText(current);
      models.names().forEach(n -> f.addElement("option").addAttribute("label", n).addElement("value").setText(n));
      return Future.succeededFuture(r);
    }
    String chosen = null;
    for (Element f : submitted.elements("field")) {
      if ("model".equals(f.attributeValue("var")) && f.element("value") != null) {
        chosen = f.element("value").getTextTrim();
      }
    }
    if (chosen == null || !models.names().contains(chosen)) {
      return error(iq, Condition.not_acceptable, "unknown model " + chosen + "; this hub offers " + models.names());
    }
    String model = chosen;
    return agents.setModel(agent.owner(), agent.id(), model).map(changed -> {
      directory.forget(agent.jid());
      IQ r = response(iq, "model", session, "completed");
      note(r, changed ? "The agent now answers with " + model + "." : "The agent no longer exists.");
      return r;
    });
  }

  /**
   * The owner's standing: the owner's use today and this minute, the agent's effective limits, then for the owner
   * and the agent each limit as "what is left of what, and when it resets" (fields {@code user.<key>},
   * {@code agent.<key>}).
   */
  private static IQ quota(IQ iq, String session, QuotaStatus status) {
    IQ r = response(iq, "quota", session, "completed");
    Element x = form(r, "result", "Quota");
    value(x, "day", "Day (UTC)", status.day().toString());
    value(x, "tokens_today", "Tokens used today", Long.toString(used(status, QuotaScope.USER, Limit.TOKENS_PER_DAY)));
    value(x, "tokens_minute", "Tokens used in the last minute",
        Long.toString(used(status, QuotaScope.USER, Limit.TOKENS_PER_MINUTE)));
    agentLimit(x, status, Limit.TOKENS_PER_DAY, "Daily token limit");
    agentLimit(x, status, Limit.TOKENS_PER_MINUTE, "Per-minute token limit");
    for (Usage u : status.usages()) {
      String who = u.scope() == QuotaScope.USER ? "Owner" : "Agent";
      value(x, u.scope().configName() + "." + u.limit().key(), who + ": " + u.limit().label(), u.text());
    }
    return r;
  }

  private static long used(QuotaStatus status, QuotaScope scope, Limit limit) {
    return status.usage(scope, limit).map(Usage::used).orElse(0L);
  }

  private static void agentLimit(Element x, QuotaStatus status, Limit limit, String label) {
    Usage u = status.usage(QuotaScope.AGENT, limit).orElseThrow();
    value(x, limit.key(), label, u.unlimited() ? "no limit" : Long.toString(u.limitValue()));
  }

  private static void value(Element x, String var, String label, String value) {
    field(x, var, "text-single", label).addElement("value").setText(value);
  }

  static IQ response(IQ iq, String node, String session, String status) {
    IQ r = IQ.createResultIQ(iq);
    r.setChildElement("command", NAMESPACE).addAttribute("node", node).addAttribute("sessionid", session)
        .addAttribute("status", status);
    return r;
  }

  static void note(IQ r, String text) {
    r.getChildElement().addElement("note").addAttribute("type", "info").setText(text);
  }

  static Element form(IQ r, String type, String title) {
    Element x = r.getChildElement().addElement("x", DATA).addAttribute("type", type);
    x.addElement("title").setText(title);
    return x;
  }

  static Element field(Element x, String var, String type, String label) {
    return x.addElement("field").addAttribute("var", var).addAttribute("type", type).addAttribute("label", label);
  }

  /** The values a submitted form gives the field {@code var}; empty when it has none. */
  static List<String> values(Element form, String var) {
    List<String> out = new ArrayList<>();
    for (Element f : form.elements("field")) {
      if (var.equals(f.attributeValue("var"))) {
        f.elements("value").forEach(v -> out.add(v.getText()));
      }
    }
    return out;
  }

  /** The submitted form in the command, or null when it carries none. */
  static Element submitted(Element command) {
    Element x = command.element(org.dom4j.QName.get("x", DATA));
    return x != null && "submit".equals(x.attributeValue("type")) ? x : null;
  }

  static Future<IQ> error(IQ iq, Condition condition, String text) {
    return Future.succeededFuture((IQ) StanzaErrors.reply(iq, condition, text));
  }
}
