package io.aiox.component.xmpp.xep0030;

import io.aiox.component.xmpp.routing.IqHandler;
import io.aiox.component.xmpp.routing.StanzaErrors;
import io.aiox.component.xmpp.routing.Target;
import io.aiox.component.xmpp.xep0050.AdHocCommands;
import io.aiox.component.xmpp.xep0050.ServiceCommands;
import io.aiox.schema.agent.AgentRepository;
import io.vertx.core.Future;
import org.dom4j.Element;
import org.xmpp.packet.IQ;
import org.xmpp.packet.PacketError.Condition;

/**
 * disco#items: on the service, the asker's own agents (never anyone else's); with the commands node, the service's
 * commands (rfc section 8.1) or the agent's (section 8). An agent has no other items.
 */
public final class DiscoItemsHandler implements IqHandler {
  public static final String NAMESPACE = "http://jabber.org/protocol/disco#items";
  private final AgentRepository agents;

  public DiscoItemsHandler(AgentRepository agents) {
    this.agents = agents;
  }

  @Override
  public String namespace() {
    return NAMESPACE;
  }

  @Override
  public Future<IQ> handle(IQ iq, Target target) {
    IQ result = IQ.createResultIQ(iq);
    Element query = result.setChildElement("query", NAMESPACE);
    String node = iq.getChildElement().attributeValue("node");
    if (node != null) {
      if (!node.equals(AdHocCommands.NODE)) {
        return Future.succeededFuture((IQ) StanzaErrors.reply(iq, Condition.item_not_found, "no such node: " + node));
      }
      query.addAttribute("node", node);
      if (target.service()) { // the service's commands are for hub users; others see an empty list
        if (ServiceCommands.mayRun(target)) {
          String jid = iq.getTo().toBareJID();
          ServiceCommands.COMMANDS.forEach(c -> query.addElement("item").addAttribute("jid", jid)
              .addAttribute("node", c.node()).addAttribute("name", c.name()));
        }
      } else if (AdHocCommands.mayRun(target)) { // commands are the owner's; others see an empty list
        String jid = target.agent().orElseThrow().jid().toString();
        AdHocCommands.COMMANDS.forEach(c -> query.addElement("item").addAttribute("jid", jid)
            .addAttribute("node", c.node()).addAttribute("name", c.name()));
      }
      return Future.succeededFuture(result);
    }
    if (!target.service() || target.sender().isEmpty()) {
      return Future.succeededFuture(result);
    }
    return agents.listByOwner(target.sender().get().id()).map(list -> {
      list.forEach(a -> query.addElement("item").addAttribute("jid", a.jid().toString()).addAttribute("name", a.name()));
      return result;
    });
  }
}
