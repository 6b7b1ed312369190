package io.aiox.component.xmpp.routing;

import io.vertx.core.Future;
import org.xmpp.packet.IQ;

/** Answers IQs of one namespace; the router has checked access already. */
public interface IqHandler {
  /** The namespace of the IQ child element this handler answers. */
  String namespace();

  /** The result (or error) IQ to send back. */
  Future<IQ> handle(IQ iq, Target target);
}
