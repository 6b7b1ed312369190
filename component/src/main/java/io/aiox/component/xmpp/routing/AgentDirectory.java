package io.aiox.component.xmpp.routing;

import io.aiox.schema.agent.Agent;
import io.aiox.schema.agent.AgentRepository;
import io.aiox.schema.id.AgentJid;
import io.aiox.schema.user.User;
import io.aiox.schema.user.UserRepository;
import io.vertx.core.Future;
import java.util.Optional;

/**
 * Bounded caches in front of the repositories for the two lookups on every stanza: the addressed agent and the
 * sender's user. Entries live {@code ttlMillis} (so a change made through another hub shows within that time) and
 * are dropped at once when this hub changes them ({@link #forget}).
 */
public final class AgentDirectory {
  /** How long the component serves an agent or user as it read them: changes made elsewhere show within this. */
  public static final long TTL_MILLIS = 5_000;

  private final AgentRepository agents;
  private final UserRepository users;
  private final TtlCache<AgentJid, Optional<Agent>> agentCache;
  private final TtlCache<String, Optional<User>> userCache;

  public AgentDirectory(AgentRepository agents, UserRepository users, int maxEntries, long ttlMillis) {
    this.agents = agents;
    this.users = users;
    this.agentCache = new TtlCache<>(maxEntries, ttlMillis);
    this.userCache = new TtlCache<>(maxEntries, ttlMillis);
  }

  public Future<Optional<Agent>> agent(AgentJid jid) {
    return agentCache.get(jid, agents::route);
  }

  public Future<Optional<User>> user(String bareJid) {
    return userCache.get(bareJid, users::findByJid);
  }

  public void forget(AgentJid jid) {
    agentCache.forget(jid);
  }
}
