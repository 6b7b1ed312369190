package io.aiox.component.xmpp.xep0030;

import io.aiox.component.xmpp.routing.IqHandler;
import io.aiox.component.xmpp.routing.Target;
import io.aiox.schema.agent.Agent;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import java.util.List;
import io.aiox.component.xmpp.routing.StanzaErrors;
import io.aiox.component.xmpp.xep0050.AdHocCommands;
import io.aiox.component.xmpp.xep0115.Caps;
import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.dom4j.QName;
import org.xmpp.packet.PacketError.Condition;
import org.xmpp.packet.IQ;

/** disco#info: an agent is a {@code client/bot} with its capability form; the domain is the agents service. */
public final class DiscoInfoHandler implements IqHandler {
  public static final String NAMESPACE = "http://jabber.org/protocol/disco#info";
  public static final String CAPABILITY_FORM_TYPE = "urn:aiox:agent:0";
  /** What every agent supports. */
  public static final List<String> AGENT_FEATURES = List.of("http://jabber.org/protocol/caps",
      "http://jabber.org/protocol/chatstates", "http://jabber.org/protocol/commands", NAMESPACE,
      "http://jabber.org/protocol/disco#items", "jabber:iq:version", "urn:xmpp:ping", "urn:xmpp:receipts",
      "urn:xmpp:sid:0", "vcard-temp");

  @Override
  public String namespace() {
    return NAMESPACE;
  }

  @Override
  public Future<IQ> handle(IQ iq, Target target) {
    IQ result = IQ.createResultIQ(iq);
    String node = iq.getChildElement().attributeValue("node");
    if (target.service()) {
      Element query = result.setChildElement("query", NAMESPACE);
      if (node != null && node.equals(AdHocCommands.NODE)) {
        query.addAttribute("node", node);
        identity(query, "automation", "command-list", "Commands");
        return Future.succeededFuture(result);
      }
      if (node != null) {
        return Future.succeededFuture((IQ) StanzaErrors.reply(iq, Condition.item_not_found, "no such node: " + node));
      }
      identity(query, "component", "generic", "AIOX agents");
      feature(query, NAMESPACE);
      feature(query, AdHocCommands.NAMESPACE);
      feature(query, "http://jabber.org/protocol/disco#items");
      feature(query, "urn:xmpp:ping");
      feature(query, "jabber:iq:version");
      return Future.succeededFuture(result);
    }
    Agent agent = target.agent().orElseThrow();
    Element query = agentInfo(agent);
    if (node != null) {
      // XEP-0115 asks with node#ver; XEP-0050 asks about the commands node. Other nodes do not exist.
      if (!node.equals(Caps.NODE + "#" + Caps.ver(query)) && !node.equals(AdHocCommands.NODE)) {
        return Future.succeededFuture((IQ) StanzaErrors.reply(iq, Condition.item_not_found, "no such node: " + node));
      }
      if (node.equals(AdHocCommands.NODE)) {
        query = DocumentHelper.createElement(QName.get("query", NAMESPACE));
        identity(query, "automation", "command-list", "Commands");
      }
      query.addAttribute("node", node);
    }
    result.setChildElement(query);
    return Future.succeededFuture(result);
  }

  /** The agent's disco#info {@code <query/>}, also hashed into its presence's entity capabilities. */
  public static Element agentInfo(Agent agent) {
    Element query = DocumentHelper.createElement(QName.get("query", NAMESPACE));
    identity(query, "client", "bot", agent.name());
    AGENT_FEATURES.forEach(f -> feature(query, f));
    capabilityForm(query, agent);
    return query;
  }

  private static void identity(Element query, String category, String type, String name) {
    query.addElement("identity").addAttribute("category", category).addAttribute("type", type)
        .addAttribute("name", name);
  }

  private static void feature(Element query, String var) {
    query.addElement("feature").addAttribute("var", var);
  }

  /** XEP-0128 form: what the agent does, which model, who may use it, which governance version applies. */
  private static void capabilityForm(Element query, Agent agent) {
    Element x = query.addElement("x", "jabber:x:data").addAttribute("type", "result");
    field(x, "FORM_TYPE", "hidden").addElement("value").setText(CAPABILITY_FORM_TYPE);
    Element tags = field(x, "domain_tags", "list-multi");
    agent.capabilities().getJsonArray("domain_tags", new JsonArray())
        .forEach(tag -> tags.addElement("value").setText(String.valueOf(tag)));
    field(x, "model", "text-single").addElement("value").setText(agent.llmConfig().getString("model", "default"));
    field(x, "visibility", "list-single").addElement("value").setText(agent.visibility().sql());
    field(x, "governance_version", "text-single").addElement("value")
        .setText(Integer.toString(agent.governanceVersion()));
  }

  private static Element field(Element x, String var, String type) {
    return x.addElement("field").addAttribute("var", var).addAttribute("type", type);
  }
}
