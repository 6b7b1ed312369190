package io.aiox.web.openai;

import io.aiox.web.auth.Caller;
import io.vertx.core.Future;
import java.util.List;
import java.util.function.Consumer;

/**
 * Turns with agents for the HTTP edge, taken through the hub's XMPP chat path as the caller's own JID, so that a
 * turn from the API meets exactly the rules a chat message meets. Implemented by the component
 * ({@code io.aiox.component.console.ConsoleTurns}).
 */
public interface AgentTurns {
  /** The caller's live agents, offered as models. */
  Future<List<AgentModel>> models(Caller caller);

  /**
   * One turn: completes with the agent's answer, or fails with a {@link TurnRefused}. {@code textSoFar} is given the
   * whole answer so far each time the hub shows more of it while it is written (streaming requests; rfc section
   * 6.2); it may be called from another thread than the caller's.
   */
  Future<TurnAnswer> turn(Caller caller, TurnRequest request, Consumer<String> textSoFar);
}
