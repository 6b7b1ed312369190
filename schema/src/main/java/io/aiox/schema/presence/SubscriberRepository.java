package io.aiox.schema.presence;

import io.aiox.schema.OwnerScope;
import io.aiox.schema.agent.Agent;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/** Who subscribed to an agent's presence. Writes act for the agent's owner; the broadcast list crosses owners. */
public final class SubscriberRepository {
  private final OwnerScope scope;

  public SubscriberRepository(OwnerScope scope) {
    this.scope = scope;
  }

  /** Records an approved subscription; true when it is new. */
  public Future<Boolean> add(Agent agent, String bareJid) {
    return scope.run(agent.owner(), conn -> conn
        .preparedQuery("INSERT INTO agent_subscribers (agent_id, owner_user_id, jid) VALUES ($1, $2, $3)"
            + " ON CONFLICT DO NOTHING")
        .execute(Tuple.of(agent.id().value(), agent.owner().value(), bareJid)).map(rows -> rows.rowCount() == 1));
  }

  /** Removes a subscription; true when there was one. */
  public Future<Boolean> remove(Agent agent, String bareJid) {
    return scope.run(agent.owner(), conn -> conn
        .preparedQuery("DELETE FROM agent_subscribers WHERE agent_id = $1 AND jid = $2")
        .execute(Tuple.of(agent.id().value(), bareJid)).map(rows -> rows.rowCount() == 1));
  }

  public Future<Boolean> contains(Agent agent, String bareJid) {
    return scope.run(agent.owner(), conn -> conn
        .preparedQuery("SELECT 1 FROM agent_subscribers WHERE agent_id = $1 AND jid = $2")
        .execute(Tuple.of(agent.id().value(), bareJid)).map(rows -> rows.size() == 1));
  }

  /** One page of (agent, subscriber) pairs of live agents in {@code domain}, after {@code after} (null: first). */
  public Future<List<Subscription>> page(String domain, Subscription after, int limit) {
    Tuple args = Tuple.of(domain, after == null ? null : after.agentJid(), after == null ? null : after.subscriber(),
        limit);
    return scope.pool().preparedQuery("SELECT agent_jid, subscriber FROM aiox_presence_subscribers($1, $2, $3, $4)")
        .execute(args).map(rows -> {
          List<Subscription> page = new ArrayList<>(rows.size());
          for (Row r : rows) {
            page.add(new Subscription(r.getString("agent_jid"), r.getString("subscriber")));
          }
          return page;
        });
  }

  /** An agent's JID and one subscriber's bare JID. */
  public record Subscription(String agentJid, String subscriber) {}
}
