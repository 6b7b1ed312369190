package io.aiox.component.xmpp.xep0199;

import io.aiox.component.xmpp.routing.IqHandler;
import io.aiox.component.xmpp.routing.Target;
import io.vertx.core.Future;
import org.xmpp.packet.IQ;

/** XEP-0199 section 4.2: a ping is answered with an empty result. */
public final class PingHandler implements IqHandler {
  public static final String NAMESPACE = "urn:xmpp:ping";

  @Override
  public String namespace() {
    return NAMESPACE;
  }

  @Override
  public Future<IQ> handle(IQ iq, Target target) {
    return Future.succeededFuture(IQ.createResultIQ(iq));
  }
}
