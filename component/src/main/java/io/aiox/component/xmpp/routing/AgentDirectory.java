package io.aiox.component.xmpp.routing;

import io.aiox.schema.agent.Agent;
import io.aiox.schema.agent.AgentRepository;
import io.aiox.schema.id.AgentJid;
import io.aiox.schema.user.User;
import io.aiox.schema.user.UserRepository;
import io.vertx.core.Future;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

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
  private final Cache<AgentJid, Optional<Agent>> agentCache;
  private final Cache<String, Optional<User>> userCache;

  public AgentDirectory(AgentRepository agents, UserRepository users, int maxEntries, long ttlMillis) {
    this.agents = agents;
    this.users = users;
    this.agentCache = new Cache<>(maxEntries, ttlMillis);
    this.userCache = new Cache<>(maxEntries, ttlMillis);
  }

  public Future<Optional<Agent>> agent(AgentJid jid) {
    return agentCache.get(jid, agents::route);
  }

  public Future<Optional<User>> user(String bareJid) {
    return userCache.get(bareJid, users::findByJid);
  }

  public void forget(AgentJid jid) {
    agentCache.entries.remove(jid);
  }

  private static final class Cache<K, V> {
    private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();
    private final int maxEntries;
    private final long ttlNanos;

    Cache(int maxEntries, long ttlMillis) {
      this.maxEntries = maxEntries;
      this.ttlNanos = ttlMillis * 1_000_000L;
    }

    Future<V> get(K key, Function<K, Future<V>> load) {
      Entry<V> e = entries.get(key);
      long now = System.nanoTime();
      if (e != null && now - e.loadedAt < ttlNanos) {
        return Future.succeededFuture(e.value);
      }
      return load.apply(key).onSuccess(v -> {
        if (entries.size() >= maxEntries) {
          entries.clear(); // bounded memory; a cold cache costs one query per key
        }
        entries.put(key, new Entry<>(v, now));
      });
    }
  }

  private record Entry<V>(V value, long loadedAt) {}
}
