package io.aiox.schema.room;

import io.aiox.schema.OwnerScope;
import io.aiox.schema.agent.Agent;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The rooms each agent is in. Writes act for the agent's owner; the rejoin list crosses owners. */
public final class RoomRepository {
  private final OwnerScope scope;

  public RoomRepository(OwnerScope scope) {
    this.scope = scope;
  }

  /** Records that the agent joins {@code room} (a bare JID) as {@code nick}; a second invitation keeps one row. */
  public Future<Void> join(Agent agent, String room, String nick) {
    return scope.run(agent.owner(), conn -> conn
        .preparedQuery("INSERT INTO agent_rooms (agent_id, owner_user_id, room, nick) VALUES ($1, $2, $3, $4)"
            + " ON CONFLICT (agent_id, room) DO UPDATE SET nick = EXCLUDED.nick")
        .execute(Tuple.of(agent.id().value(), agent.owner().value(), room, nick)).mapEmpty());
  }

  /** Forgets the room; true when the agent was in it. */
  public Future<Boolean> leave(Agent agent, String room) {
    return scope.run(agent.owner(), conn -> conn
        .preparedQuery("DELETE FROM agent_rooms WHERE agent_id = $1 AND room = $2")
        .execute(Tuple.of(agent.id().value(), room)).map(rows -> rows.rowCount() == 1));
  }

  /** The nickname the agent has in {@code room}, when it is in it. */
  public Future<Optional<String>> nick(Agent agent, String room) {
    return scope.run(agent.owner(), conn -> conn
        .preparedQuery("SELECT nick FROM agent_rooms WHERE agent_id = $1 AND room = $2")
        .execute(Tuple.of(agent.id().value(), room))
        .map(rows -> rows.size() == 0 ? Optional.<String>empty() : Optional.of(rows.iterator().next().getString(0))));
  }

  /** One page of memberships of live agents in {@code domain}, after {@code after} (null: first). */
  public Future<List<Membership>> page(String domain, Membership after, int limit) {
    Tuple args = Tuple.of(domain, after == null ? null : after.agentJid(), after == null ? null : after.room(), limit);
    return scope.pool().preparedQuery("SELECT agent_jid, room, nick FROM aiox_agent_rooms($1, $2, $3, $4)")
        .execute(args).map(rows -> {
          List<Membership> page = new ArrayList<>(rows.size());
          for (Row r : rows) {
            page.add(new Membership(r.getString("agent_jid"), r.getString("room"), r.getString("nick")));
          }
          return page;
        });
  }

  /** An agent's JID, a room's bare JID and the agent's nickname there. */
  public record Membership(String agentJid, String room, String nick) {}
}
