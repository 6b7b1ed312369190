package io.aiox.component.xmpp.xep0092;

import io.aiox.component.xmpp.routing.IqHandler;
import io.aiox.component.xmpp.routing.Target;
import io.vertx.core.Future;
import org.dom4j.Element;
import org.xmpp.packet.IQ;

/** XEP-0092 section 2: name and version of the software behind the agent. */
public final class VersionHandler implements IqHandler {
  public static final String NAMESPACE = "jabber:iq:version";
  public static final String NAME = "AIOX";

  @Override
  public String namespace() {
    return NAMESPACE;
  }

  @Override
  public Future<IQ> handle(IQ iq, Target target) {
    IQ result = IQ.createResultIQ(iq);
    Element query = result.setChildElement("query", NAMESPACE);
    query.addElement("name").setText(NAME);
    String version = VersionHandler.class.getPackage().getImplementationVersion();
    query.addElement("version").setText(version == null ? "development" : version);
    return Future.succeededFuture(result);
  }
}
