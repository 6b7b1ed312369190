package io.aiox.component.xmpp.xep0030;

import io.aiox.component.xmpp.routing.IqHandler;
import io.aiox.component.xmpp.routing.Target;
import io.aiox.schema.agent.AgentRepository;
import io.vertx.core.Future;
import org.dom4j.Element;
import org.xmpp.packet.IQ;

/** disco#items: on the service, the asker's own agents (never anyone else's); an agent has no items. */
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
    if (!target.service() || target.sender().isEmpty()) {
      return Future.succeededFuture(result);
    }
    return agents.listByOwner(target.sender().get().id()).map(list -> {
      list.forEach(a -> query.addElement("item").addAttribute("jid", a.jid().toString()).addAttribute("name", a.name()));
      return result;
    });
  }
}
