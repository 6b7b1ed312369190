package io.aiox.component.xmpp.xep0030;

import io.aiox.component.xmpp.routing.IqHandler;
import io.aiox.component.xmpp.routing.Target;
import io.aiox.schema.agent.Agent;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import java.util.List;
import org.dom4j.Element;
import org.xmpp.packet.IQ;

/** disco#info: an agent is a {@code client/bot} with its capability form; the domain is the agents service. */
public final class DiscoInfoHandler implements IqHandler {
  public static final String NAMESPACE = "http://jabber.org/protocol/disco#info";
  public static final String CAPABILITY_FORM_TYPE = "urn:aiox:agent:0";
  /** What every agent supports, sorted as XEP-0115 hashing wants. */
  public static final List<String> AGENT_FEATURES = List.of("http://jabber.org/protocol/chatstates", NAMESPACE,
      "jabber:iq:version", "urn:xmpp:ping", "urn:xmpp:receipts", "urn:xmpp:sid:0");

  @Override
  public String namespace() {
    return NAMESPACE;
  }

  @Override
  public Future<IQ> handle(IQ iq, Target target) {
    IQ result = IQ.createResultIQ(iq);
    Element query = result.setChildElement("query", NAMESPACE);
    if (target.service()) {
      identity(query, "component", "generic", "AIOX agents");
      feature(query, NAMESPACE);
      feature(query, "http://jabber.org/protocol/disco#items");
      feature(query, "urn:xmpp:ping");
      feature(query, "jabber:iq:version");
      return Future.succeededFuture(result);
    }
    Agent agent = target.agent().orElseThrow();
    identity(query, "client", "bot", agent.name());
    AGENT_FEATURES.forEach(f -> feature(query, f));
    capabilityForm(query, agent);
    return Future.succeededFuture(result);
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
