package io.aiox.component.xmpp.xep0050;

import io.aiox.component.agents.AgentChanges;
import io.aiox.component.agents.OwnerAgents;
import io.aiox.policy.tool.ToolCatalog;
import io.aiox.policy.tool.ToolDefinition;
import io.aiox.schema.agent.Agent;
import io.aiox.schema.agent.Visibility;
import io.vertx.core.Future;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import org.dom4j.Element;
import org.xmpp.packet.IQ;

/** The XEP-0004 forms of the service's commands (rfc section 8.1), and reading a submitted settings form. */
final class AgentSettingsForm {
  private final OwnerAgents agents;

  AgentSettingsForm(OwnerAgents agents) {
    this.agents = agents;
  }

  /** {@code create}'s form: name, description, system prompt (when the hub can seal one), model, visibility, memory. */
  IQ create(IQ iq, String session) {
    IQ r = executing(iq, ServiceCommands.CREATE, session, "complete");
    Element x = AdHocCommands.form(r, "form", "Create an agent");
    x.addElement("instructions").setText("Your new agent gets its own address; only you may write to it unless"
        + " you make it shared or public.");
    required(x, "name", "text-single", "Name");
    AdHocCommands.field(x, "description", "text-single", "Description");
    if (agents.seals()) {
      AdHocCommands.field(x, "system_prompt", "text-multi", "System prompt (stored encrypted)");
    }
    model(x, agents.models().defaultModel());
    visibility(x, Visibility.PRIVATE);
    memory(x, false);
    return r;
  }

  /** The first stage of {@code configure} and {@code delete}: which of the user's agents. */
  IQ choose(IQ iq, String node, String session, List<Agent> list, String next) {
    if (list.isEmpty()) {
      IQ r = AdHocCommands.response(iq, node, session, "completed");
      AdHocCommands.note(r, "You have no agents; create one with the create command.");
      return r;
    }
    IQ r = executing(iq, node, session, next);
    Element x = AdHocCommands.form(r, "form", node.equals(ServiceCommands.DELETE) ? "Delete an agent"
        : "Configure an agent");
    Element f = required(x, "agent", "list-single", "Agent");
    list.forEach(a -> f.addElement("option").addAttribute("label", a.name() + " (" + a.jid() + ")")
        .addElement("value").setText(a.jid().toString()));
    return r;
  }

  /** The agent's settings, filled in; the chosen agent rides along as a hidden field. */
  Future<IQ> settings(IQ iq, String session, Agent agent) {
    return agents.systemPrompt(agent.owner(), agent.id()).compose(prompt -> agents.tools(agent.owner(), agent.id())
        .map(enabled -> {
          IQ r = executing(iq, ServiceCommands.CONFIGURE, session, "complete");
          Element x = AdHocCommands.form(r, "form", "Configure " + agent.name());
          x.addElement("instructions").setText("Change what you like; tools you tick are enabled with their"
              + " default policy, tools you untick are disabled.");
          agent(x, agent);
          required(x, "name", "text-single", "Name").addElement("value").setText(agent.name());
          value(x, "description", "text-single", "Description", agent.description());
          prompt.ifPresent(p -> {
            Element f = AdHocCommands.field(x, "system_prompt", "text-multi", "System prompt (stored encrypted)");
            p.lines().forEach(line -> f.addElement("value").setText(line));
          });
          model(x, agents.models().modelOf(agent.llmConfig()));
          visibility(x, agent.visibility());
          memory(x, Boolean.TRUE.equals(agent.memoryConfig().getValue("long_term_enabled")));
          Element tools = AdHocCommands.field(x, "tools", "list-multi", "Tools");
          enabled.forEach(t -> tools.addElement("value").setText(t)); // XEP-0004: values before options
          for (ToolDefinition t : ToolCatalog.all()) {
            tools.addElement("option").addAttribute("label", t.name()).addElement("value").setText(t.name());
          }
          return r;
        }));
  }

  /** {@code delete}'s second stage: are you sure. */
  IQ confirmDelete(IQ iq, String session, Agent agent) {
    IQ r = executing(iq, ServiceCommands.DELETE, session, "complete");
    Element x = AdHocCommands.form(r, "form", "Delete " + agent.name());
    x.addElement("instructions").setText("Delete " + agent.name() + " (" + agent.jid() + ")? It stops answering at"
        + " once; its address is not given to another agent.");
    agent(x, agent);
    required(x, "confirm", "boolean", "Yes, delete it").addElement("value").setText("0");
    return r;
  }

  /** The submitted settings; a field left out of the form is left as it is. */
  static AgentChanges changes(Element form) {
    Optional<List<String>> tools = AdHocCommands.values(form, "tools").isEmpty() && !hasField(form, "tools")
        ? Optional.empty() : Optional.of(AdHocCommands.values(form, "tools"));
    return new AgentChanges(ServiceCommands.first(form, "name"), ServiceCommands.first(form, "description"),
        ServiceCommands.multi(form, "system_prompt"), ServiceCommands.first(form, "model"),
        ServiceCommands.visibility(form), ServiceCommands.bool(form, "memory"),
        tools.map(t -> new LinkedHashSet<>(t.stream().map(String::strip).filter(s -> !s.isEmpty()).toList())));
  }

  private static boolean hasField(Element form, String var) {
    return form.elements("field").stream().anyMatch(f -> var.equals(f.attributeValue("var")));
  }

  private void model(Element x, String current) {
    Element f = value(x, "model", "list-single", "Model", current);
    agents.models().names().forEach(n -> f.addElement("option").addAttribute("label", n)
        .addElement("value").setText(n));
  }

  private static void visibility(Element x, Visibility current) {
    Element f = value(x, "visibility", "list-single", "Who may write to it", current.sql());
    for (Visibility v : Visibility.values()) {
      f.addElement("option").addAttribute("label", v.sql()).addElement("value").setText(v.sql());
    }
  }

  private static void memory(Element x, boolean on) {
    value(x, "memory", "boolean", "Long-term memory", on ? "1" : "0");
  }

  /**
   * The chosen agent as a hidden field, marked required: XEP-0004 asks clients to return hidden fields, and some
   * (Smack) return only fields that were filled in or are required.
   */
  private static void agent(Element x, Agent agent) {
    Element f = x.addElement("field").addAttribute("var", "agent").addAttribute("type", "hidden");
    f.addElement("required");
    f.addElement("value").setText(agent.jid().toString());
  }

  private static Element required(Element x, String var, String type, String label) {
    Element f = AdHocCommands.field(x, var, type, label);
    f.addElement("required");
    return f;
  }

  static Element value(Element x, String var, String type, String label, String value) {
    Element f = x.addElement("field").addAttribute("var", var).addAttribute("type", type);
    if (label != null) {
      f.addAttribute("label", label);
    }
    f.addElement("value").setText(value);
    return f;
  }

  private static IQ executing(IQ iq, String node, String session, String next) {
    IQ r = AdHocCommands.response(iq, node, session, "executing");
    r.getChildElement().addElement("actions").addAttribute("execute", next).addElement(next);
    return r;
  }
}
