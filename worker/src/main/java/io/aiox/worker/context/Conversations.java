package io.aiox.worker.context;

import io.aiox.schema.id.AgentId;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The last turns of each (agent, peer) conversation in a Redis list. An exchange is appended, trimmed to the
 * agent's limit and given its time to live in one Lua script, so concurrent turns never leave the list longer
 * than the limit or without expiry. Keys name the agent and the peer's bare JID only; no owner data is shared.
 */
public final class Conversations {
  private static final String APPEND = """
      redis.call('RPUSH', KEYS[1], ARGV[1], ARGV[2])
      redis.call('LTRIM', KEYS[1], -tonumber(ARGV[3]), -1)
      redis.call('PEXPIRE', KEYS[1], ARGV[4])
      return redis.call('LLEN', KEYS[1])
      """;

  private final Redis redis;

  public Conversations(Redis redis) {
    this.redis = redis;
  }

  static String key(AgentId agent, String peerBareJid) {
    return "aiox:ctx:" + agent + ":" + peerBareJid;
  }

  /** The conversation so far, oldest first; empty when none or expired. */
  public Future<List<ChatTurn>> history(AgentId agent, String peerBareJid) {
    return redis.send(Request.cmd(Command.LRANGE).arg(key(agent, peerBareJid)).arg(0).arg(-1)).map(r -> {
      List<ChatTurn> turns = new ArrayList<>(r == null ? 0 : r.size());
      if (r != null) {
        for (Response item : r) {
          turns.add(ChatTurn.decode(item.toString()));
        }
      }
      return turns;
    });
  }

  /** Appends one exchange and keeps the last {@code maxTurns} exchanges; the list's length afterwards. */
  public Future<Integer> append(AgentId agent, String peerBareJid, ChatTurn user, ChatTurn assistant, int maxTurns,
                                Duration ttl) {
    if (maxTurns < 1) {
      return reset(agent, peerBareJid).map(ignored -> 0);
    }
    return redis.send(Request.cmd(Command.EVAL).arg(APPEND).arg(1).arg(key(agent, peerBareJid))
        .arg(user.encode()).arg(assistant.encode()).arg(2L * maxTurns).arg(ttl.toMillis()))
        .map(Response::toInteger);
  }

  /** Forgets the conversation; true when there was one. */
  public Future<Boolean> reset(AgentId agent, String peerBareJid) {
    return redis.send(Request.cmd(Command.DEL).arg(key(agent, peerBareJid))).map(r -> r.toInteger() > 0);
  }
}
