package io.aiox.component.xmpp.xep0050;

import io.aiox.component.xmpp.routing.StanzaErrors;
import io.aiox.component.xmpp.xep0050.AdHocCommands.Command;
import io.aiox.schema.agent.Agent;
import io.aiox.schema.memory.MemoryId;
import io.aiox.worker.memory.MemoryClient;
import io.aiox.worker.memory.MemoryClient.Listed;
import io.aiox.worker.memory.MemoryFailure;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.dom4j.Element;
import org.dom4j.QName;
import org.xmpp.packet.IQ;
import org.xmpp.packet.PacketError.Condition;

/**
 * The owner's long-term memory commands on an agent (rfc/ section 8): remember a fact, forget memories, list them,
 * add a document by URL. Each has two stages (a form, then its submission); a submission may also come with the
 * first request. The work is done by the memory service over the event bus ({@link MemoryClient}).
 */
final class MemoryCommands {
  static final String REMEMBER = "remember";
  static final String FORGET = "forget";
  static final String LIST = "memories";
  static final String DOCUMENT = "document";
  static final List<Command> COMMANDS = List.of(new Command(REMEMBER, "Remember this"),
      new Command(FORGET, "Forget memories"), new Command(LIST, "List memories"),
      new Command(DOCUMENT, "Add document (URL)"));
  private static final Set<String> NODES = Set.of(REMEMBER, FORGET, LIST, DOCUMENT);
  private static final int SHOWN = 50;
  private static final int PREVIEW = 80;

  private final MemoryClient memory;

  MemoryCommands(MemoryClient memory) {
    this.memory = memory;
  }

  boolean handles(String node) {
    return NODES.contains(node);
  }

  Future<IQ> handle(IQ iq, Element command, String session, Agent agent, String actor) {
    String node = command.attributeValue("node");
    Element submitted = command.element(QName.get("x", AdHocCommands.DATA));
    boolean submit = submitted != null && "submit".equals(submitted.attributeValue("type"));
    Future<IQ> answer = switch (node) {
      case REMEMBER -> submit ? remember(iq, session, agent, submitted) : rememberForm(iq, session);
      case FORGET -> submit ? forget(iq, session, agent, submitted) : forgetForm(iq, session, agent);
      case LIST -> list(iq, session, agent);
      default -> submit ? document(iq, session, agent, submitted, actor) : documentForm(iq, session);
    };
    return answer.recover(e -> e instanceof MemoryFailure f && f.kind() == MemoryFailure.Kind.DENIED
        ? Future.succeededFuture((IQ) StanzaErrors.policyViolation(iq, e.getMessage()))
        : AdHocCommands.error(iq, condition(e), e.getMessage()));
  }

  private static Future<IQ> rememberForm(IQ iq, String session) {
    IQ r = executing(iq, REMEMBER, session);
    Element x = AdHocCommands.form(r, "form", "Remember this");
    x.addElement("instructions").setText("What should the agent remember? It is recalled in every conversation"
        + " of the agent where it is relevant, until you forget it.");
    required(AdHocCommands.field(x, "text", "text-multi", "Fact"));
    return Future.succeededFuture(r);
  }

  private Future<IQ> remember(IQ iq, String session, Agent agent, Element submitted) {
    String text = String.join("\n", AdHocCommands.values(submitted, "text")).strip();
    return memory.remember(agent.owner(), agent.id(), text).map(id -> {
      IQ r = AdHocCommands.response(iq, REMEMBER, session, "completed");
      AdHocCommands.note(r, "Remembered: " + preview(text));
      return r;
    });
  }

  private Future<IQ> forgetForm(IQ iq, String session, Agent agent) {
    return memory.list(agent.owner(), agent.id(), SHOWN).map(list -> {
      IQ r = executing(iq, FORGET, session);
      Element x = AdHocCommands.form(r, "form", "Forget memories");
      x.addElement("instructions").setText(list.isEmpty() ? "The agent holds no memories."
          : "Choose memories to forget (the " + list.size() + " newest are shown), or forget everything.");
      Element choice = AdHocCommands.field(x, "memories", "list-multi", "Memories");
      list.forEach(m -> choice.addElement("option").addAttribute("label", m.kind() + ": " + preview(m.content()))
          .addElement("value").setText(m.id().toString()));
      AdHocCommands.field(x, "all", "boolean", "Forget everything the agent remembers").addElement("value")
          .setText("0");
      return r;
    });
  }

  private Future<IQ> forget(IQ iq, String session, Agent agent, Element submitted) {
    List<String> all = AdHocCommands.values(submitted, "all");
    boolean everything = !all.isEmpty() && (all.get(0).equals("1") || all.get(0).equalsIgnoreCase("true"));
    List<MemoryId> ids = new ArrayList<>();
    try {
      AdHocCommands.values(submitted, "memories").forEach(v -> ids.add(MemoryId.parse(v)));
    } catch (IllegalArgumentException e) {
      return AdHocCommands.error(iq, Condition.bad_request, "a chosen memory is not a memory id");
    }
    Future<Integer> deleted = everything ? memory.forgetAll(agent.owner(), agent.id())
        : memory.forget(agent.owner(), agent.id(), ids);
    return deleted.map(n -> {
      IQ r = AdHocCommands.response(iq, FORGET, session, "completed");
      AdHocCommands.note(r, n == 1 ? "Forgot 1 memory." : "Forgot " + n + " memories.");
      return r;
    });
  }

  /** The newest memories as a XEP-0004 table: id, kind, source, created, content. */
  private Future<IQ> list(IQ iq, String session, Agent agent) {
    return memory.list(agent.owner(), agent.id(), SHOWN).map(list -> {
      IQ r = AdHocCommands.response(iq, LIST, session, "completed");
      Element x = AdHocCommands.form(r, "result", "Memories");
      Element reported = x.addElement("reported");
      String[][] columns = {{"id", "Id"}, {"kind", "Kind"}, {"source", "Source"}, {"created", "Created"},
          {"content", "Content"}};
      for (String[] c : columns) {
        reported.addElement("field").addAttribute("var", c[0]).addAttribute("label", c[1]);
      }
      for (Listed m : list) {
        Element item = x.addElement("item");
        String[] values = {m.id().toString(), m.kind(), m.source() == null ? "" : m.source(),
            m.createdAt() == null ? "" : m.createdAt(), m.content()};
        for (int i = 0; i < columns.length; i++) {
          item.addElement("field").addAttribute("var", columns[i][0]).addElement("value").setText(values[i]);
        }
      }
      AdHocCommands.note(r, list.isEmpty() ? "The agent holds no memories." : list.size() + " memories, newest"
          + " first" + (list.size() == SHOWN ? " (only the " + SHOWN + " newest are shown)" : "") + ".");
      return r;
    });
  }

  private static Future<IQ> documentForm(IQ iq, String session) {
    IQ r = executing(iq, DOCUMENT, session);
    Element x = AdHocCommands.form(r, "form", "Add document");
    x.addElement("instructions").setText("The URL of a text or PDF document. It is fetched under the agent's"
        + " http_request policy (the host must be in its allowed domains), cut into chunks and remembered.");
    required(AdHocCommands.field(x, "url", "text-single", "Document URL"));
    return Future.succeededFuture(r);
  }

  private Future<IQ> document(IQ iq, String session, Agent agent, Element submitted, String actor) {
    List<String> url = AdHocCommands.values(submitted, "url");
    if (url.isEmpty() || url.get(0).isBlank()) {
      return AdHocCommands.error(iq, Condition.bad_request, "the form needs a document URL");
    }
    return memory.addDocumentFromUrl(agent.owner(), agent.id(), url.get(0).strip(), actor).map(chunks -> {
      IQ r = AdHocCommands.response(iq, DOCUMENT, session, "completed");
      AdHocCommands.note(r, "Added " + url.get(0).strip() + " to the agent's memory (" + chunks
          + (chunks == 1 ? " chunk)." : " chunks)."));
      return r;
    });
  }

  private static IQ executing(IQ iq, String node, String session) {
    IQ r = AdHocCommands.response(iq, node, session, "executing");
    r.getChildElement().addElement("actions").addAttribute("execute", "complete").addElement("complete");
    return r;
  }

  private static void required(Element field) {
    field.addElement("required");
  }

  private static String preview(String text) {
    String t = text.replaceAll("\\s+", " ").strip();
    return t.length() <= PREVIEW ? t : t.substring(0, PREVIEW - 1) + "…";
  }

  private static Condition condition(Throwable e) {
    if (!(e instanceof MemoryFailure f)) {
      return Condition.internal_server_error;
    }
    return switch (f.kind()) {
      case NOT_FOUND -> Condition.item_not_found;
      case INVALID -> Condition.bad_request;
      case DENIED -> Condition.not_acceptable;
      case UNAVAILABLE -> Condition.service_unavailable;
    };
  }
}
