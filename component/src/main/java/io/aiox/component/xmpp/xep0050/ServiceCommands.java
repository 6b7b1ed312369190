package io.aiox.component.xmpp.xep0050;

import io.aiox.component.agents.AgentDraft;
import io.aiox.component.agents.AgentRefused;
import io.aiox.component.agents.OwnerAgents;
import io.aiox.component.xmpp.routing.AgentDirectory;
import io.aiox.component.xmpp.routing.StanzaErrors;
import io.aiox.component.xmpp.routing.Target;
import io.aiox.component.xmpp.xep0050.AdHocCommands.Command;
import io.aiox.schema.agent.Agent;
import io.aiox.schema.agent.Visibility;
import io.aiox.schema.id.AgentJid;
import io.aiox.schema.user.User;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;
import org.dom4j.Element;
import org.xmpp.packet.IQ;
import org.xmpp.packet.PacketError.Condition;

/**
 * The commands of the agents service itself (rfc section 8.1): a hub user creates, lists, configures and deletes
 * their own agents from any XMPP client. Stateless like the agents' commands: each stage's form carries what the
 * next stage needs (the chosen agent as a field), so any component instance can answer any stage. Every rule is
 * {@link OwnerAgents}', the same as the operator's CLI, plus {@code agents.max_per_user} on creation.
 */
public final class ServiceCommands {
  private static final Logger LOG = Logger.getLogger(ServiceCommands.class.getName());
  static final String CREATE = "create";
  static final String LIST = "list";
  static final String CONFIGURE = "configure";
  static final String DELETE = "delete";
  public static final List<Command> COMMANDS = List.of(new Command(CREATE, "Create an agent"),
      new Command(LIST, "List my agents"), new Command(CONFIGURE, "Configure an agent"),
      new Command(DELETE, "Delete an agent"));

  private final OwnerAgents agents;
  private final AgentDirectory directory;
  private final int maxPerUser;
  private final AgentSettingsForm forms;

  public ServiceCommands(OwnerAgents agents, AgentDirectory directory, int maxPerUser) {
    this.agents = agents;
    this.directory = directory;
    this.maxPerUser = maxPerUser;
    this.forms = new AgentSettingsForm(agents);
  }

  /** Whether the sender may run the service's commands: an enabled hub user (an account or a linked JID). */
  public static boolean mayRun(Target target) {
    return target.sender().filter(User::enabled).isPresent();
  }

  Future<IQ> handle(IQ iq, Target target) {
    Element command = iq.getChildElement();
    String node = command.attributeValue("node", "");
    String session = command.attributeValue("sessionid", UUID.randomUUID().toString());
    if (COMMANDS.stream().noneMatch(c -> c.node().equals(node))) {
      return AdHocCommands.error(iq, Condition.item_not_found, "no such command: " + node
          + " (the agents service has create, list, configure and delete)");
    }
    if (!mayRun(target)) {
      return AdHocCommands.error(iq, Condition.forbidden, target.senderBareJid() + " is not a user of this hub;"
          + " ask its operator for an account, or to link this address to yours");
    }
    if ("cancel".equals(command.attributeValue("action"))) {
      return Future.succeededFuture(AdHocCommands.response(iq, node, session, "canceled"));
    }
    User user = target.sender().orElseThrow();
    Element submitted = AdHocCommands.submitted(command);
    Future<IQ> answer;
    try {
      answer = switch (node) {
        case CREATE -> submitted == null ? Future.succeededFuture(forms.create(iq, session))
            : create(iq, session, user, submitted);
        case LIST -> list(iq, session, user);
        case CONFIGURE -> configure(iq, session, user, submitted);
        default -> delete(iq, session, user, submitted);
      };
    } catch (RuntimeException e) { // a field's value out of its rules, read before any future began
      answer = Future.failedFuture(e);
    }
    return answer.recover(e -> refused(iq, e));
  }

  private Future<IQ> create(IQ iq, String session, User user, Element form) {
    AgentDraft draft = new AgentDraft(first(form, "name").orElse(""), first(form, "description").orElse(""),
        multi(form, "system_prompt").orElse(""), first(form, "model").orElse(""), List.of(),
        visibility(form).orElse(Visibility.PRIVATE), bool(form, "memory").orElse(false));
    return agents.createWithin(user.id(), draft, maxPerUser).map(agent -> {
      IQ r = AdHocCommands.response(iq, CREATE, session, "completed");
      AdHocCommands.note(r, "Created " + agent.name() + ": " + agent.jid() + ". Write to it from any client.");
      Element x = AdHocCommands.form(r, "result", "Agent created");
      AgentSettingsForm.value(x, "jid", "jid-single", "Address", agent.jid().toString());
      AgentSettingsForm.value(x, "name", "text-single", "Name", agent.name());
      return r;
    });
  }

  /** The sender's agents as a XEP-0004 table: jid, name, visibility, model. */
  private Future<IQ> list(IQ iq, String session, User user) {
    return agents.list(user.id()).map(list -> {
      IQ r = AdHocCommands.response(iq, LIST, session, "completed");
      Element x = AdHocCommands.form(r, "result", "My agents");
      String[][] columns = {{"jid", "Address", "jid-single"}, {"name", "Name", "text-single"},
          {"visibility", "Visibility", "text-single"}, {"model", "Model", "text-single"}};
      Element reported = x.addElement("reported");
      for (String[] c : columns) {
        reported.addElement("field").addAttribute("var", c[0]).addAttribute("label", c[1]).addAttribute("type", c[2]);
      }
      for (Agent a : list) {
        Element item = x.addElement("item");
        String[] values = {a.jid().toString(), a.name(), a.visibility().sql(), agents.models().modelOf(a.llmConfig())};
        for (int i = 0; i < columns.length; i++) {
          item.addElement("field").addAttribute("var", columns[i][0]).addElement("value").setText(values[i]);
        }
      }
      AdHocCommands.note(r, "You have " + list.size() + (list.size() == 1 ? " agent" : " agents") + "; this hub"
          + " lets a user create up to " + maxPerUser + ".");
      return r;
    });
  }

  /** Stage 1: choose an agent; stage 2: its settings, filled in; stage 3: the changed settings are applied. */
  private Future<IQ> configure(IQ iq, String session, User user, Element form) {
    if (form == null) {
      return agents.list(user.id()).map(list -> forms.choose(iq, CONFIGURE, session, list, "next"));
    }
    return chosen(user, form).compose(agent -> AdHocCommands.values(form, "name").isEmpty()
        ? forms.settings(iq, session, agent)
        : agents.configure(user.id(), agent.id(), AgentSettingsForm.changes(form)).map(updated -> {
          directory.forget(updated.jid());
          IQ r = AdHocCommands.response(iq, CONFIGURE, session, "completed");
          AdHocCommands.note(r, "Saved the settings of " + updated.name() + " (" + updated.jid() + ").");
          return r;
        }));
  }

  /** Stage 1: choose an agent; stage 2: confirm; stage 3: the agent is deleted when confirmed. */
  private Future<IQ> delete(IQ iq, String session, User user, Element form) {
    if (form == null) {
      return agents.list(user.id()).map(list -> forms.choose(iq, DELETE, session, list, "next"));
    }
    return chosen(user, form).compose(agent -> {
      Optional<Boolean> confirm = bool(form, "confirm");
      if (confirm.isEmpty()) {
        return Future.succeededFuture(forms.confirmDelete(iq, session, agent));
      }
      if (!confirm.get()) {
        IQ r = AdHocCommands.response(iq, DELETE, session, "completed");
        AdHocCommands.note(r, "Nothing was deleted.");
        return Future.succeededFuture(r);
      }
      return agents.delete(user.id(), agent.id()).map(deleted -> {
        directory.forget(deleted.jid());
        IQ r = AdHocCommands.response(iq, DELETE, session, "completed");
        AdHocCommands.note(r, "Deleted " + deleted.name() + " (" + deleted.jid() + ").");
        return r;
      });
    });
  }

  /**
   * The agent the form's {@code agent} field names, when it is the user's: another user's live agent is
   * {@code forbidden} (as a stanza to it would be, rfc section 2), an address with no live agent {@code item-not-found}.
   */
  private Future<Agent> chosen(User user, Element form) {
    String text = first(form, "agent").orElse("");
    Optional<AgentJid> jid = AgentJid.parse(text);
    if (jid.isEmpty()) {
      return Future.failedFuture(new AgentRefused(AgentRefused.Kind.INVALID, "choose an agent (its address)"
          + (text.isEmpty() ? "" : "; " + text + " is not an agent's address")));
    }
    return directory.agent(jid.get()).compose(found -> {
      if (found.isEmpty() || found.get().deleted()) {
        return Future.failedFuture(new AgentRefused(AgentRefused.Kind.NOT_FOUND, "there is no agent at " + text));
      }
      if (!found.get().owner().equals(user.id())) {
        return Future.failedFuture(new NotYours(text));
      }
      return agents.live(user.id(), found.get().id());
    });
  }

  /** Another user's agent: refused as {@code forbidden}. */
  private static final class NotYours extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NotYours(String jid) {
      super("only its owner may configure or delete " + jid, null, false, false);
    }
  }

  private static Future<IQ> refused(IQ iq, Throwable e) {
    if (e instanceof NotYours) {
      return AdHocCommands.error(iq, Condition.forbidden, e.getMessage());
    }
    if (!(e instanceof AgentRefused r)) {
      LOG.warning(() -> "an agents service command failed: " + e);
      return AdHocCommands.error(iq, Condition.internal_server_error, "the agents service failed on this command;"
          + " try again later");
    }
    return switch (r.kind()) {
      case LIMIT -> Future.succeededFuture((IQ) StanzaErrors.policyViolation(iq, r.getMessage()));
      case UNKNOWN_MODEL -> AdHocCommands.error(iq, Condition.not_acceptable, r.getMessage());
      case NOT_FOUND -> AdHocCommands.error(iq, Condition.item_not_found, r.getMessage());
      case INVALID, NO_MASTER_KEY -> AdHocCommands.error(iq, Condition.bad_request, r.getMessage());
    };
  }

  static Optional<String> first(Element form, String var) {
    List<String> v = AdHocCommands.values(form, var);
    return v.isEmpty() ? Optional.empty() : Optional.of(v.get(0).strip());
  }

  /** A text-multi field: its values are its lines. */
  static Optional<String> multi(Element form, String var) {
    List<String> v = AdHocCommands.values(form, var);
    return v.isEmpty() ? Optional.empty() : Optional.of(String.join("\n", v).strip());
  }

  /** A boolean field ({@code 1}/{@code true} or {@code 0}/{@code false}); another value is refused. */
  static Optional<Boolean> bool(Element form, String var) {
    return first(form, var).map(v -> switch (v) {
      case "1", "true" -> true;
      case "0", "false" -> false;
      default -> throw new AgentRefused(AgentRefused.Kind.INVALID, var + " must be true or false, was " + v);
    });
  }

  static Optional<Visibility> visibility(Element form) {
    try {
      return first(form, "visibility").map(Visibility::parse);
    } catch (IllegalArgumentException e) {
      throw new AgentRefused(AgentRefused.Kind.INVALID, e.getMessage());
    }
  }
}
