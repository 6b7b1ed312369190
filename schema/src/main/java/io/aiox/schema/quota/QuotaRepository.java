package io.aiox.schema.quota;

import io.aiox.schema.OwnerScope;
import io.aiox.schema.id.AgentId;
import io.aiox.schema.id.OwnerId;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * The owner's quota configuration and the daily token totals kept in the database: per owner ({@code user_quotas}),
 * per agent and per remote domain. Days are UTC. Redis holds the live counters; these totals are what survives it.
 */
public final class QuotaRepository {

  private final OwnerScope scope;

  public QuotaRepository(OwnerScope scope) {
    this.scope = scope;
  }

  /** Reads the owner's quota row; a day that has passed counts as nothing used. */
  public Future<QuotaUsage> usage(OwnerId owner) {
    return scope.run(owner, conn -> conn
        .preparedQuery("SELECT day, tokens_used_today, tokens_used_minute,"
            + " (day = (now() AT TIME ZONE 'UTC')::date) AS today,"
            + " (last_reset > now() - interval '1 minute') AS this_minute FROM user_quotas WHERE user_id = $1")
        .execute(Tuple.of(owner.value())).map(rows -> {
          if (rows.size() == 0) {
            return QuotaUsage.none();
          }
          Row r = rows.iterator().next();
          if (!r.getBoolean("today")) {
            return QuotaUsage.none();
          }
          return new QuotaUsage(r.getLocalDate("day"), r.getLong("tokens_used_today"),
              r.getBoolean("this_minute") ? r.getLong("tokens_used_minute") : 0);
        }));
  }

  /**
   * Changes the owner's {@code quota_config}: {@code change} gets the stored one and returns the one to store, or
   * throws, and then nothing is written. The row stays locked in between, so two changes at once cannot lose one.
   * Completes with what was stored; fails with {@link NoSuchElementException} when there is no such owner.
   */
  public Future<JsonObject> updateConfig(OwnerId owner, UnaryOperator<JsonObject> change) {
    return scope.run(owner, conn -> conn
        .preparedQuery("SELECT quota_config FROM users WHERE id = $1 FOR UPDATE")
        .execute(Tuple.of(owner.value()))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.failedFuture(new NoSuchElementException("no owner " + owner));
          }
          Object stored = rows.iterator().next().getValue("quota_config");
          JsonObject next = change.apply(stored instanceof JsonObject json ? json.copy() : new JsonObject());
          return conn.preparedQuery("UPDATE users SET quota_config = $2::jsonb WHERE id = $1")
              .execute(Tuple.of(owner.value(), next)).map(next);
        }));
  }

  /**
   * What a quota check needs from the database, in one query: the owner's {@code quota_config} and today's stored
   * totals for the owner, the agent and (for a federated sender) the remote domain.
   */
  public Future<QuotaSnapshot> snapshot(OwnerId owner, AgentId agent, Optional<String> remoteDomain) {
    return snapshot(owner, owner, agent, remoteDomain);
  }

  /**
   * The same when {@code payer}, who started a chain of agents, pays for a turn of another owner's agent: the
   * owner's side is the payer's, the agent's side (its tokens, its owner's config) is read as the agent's owner,
   * since row-level security shows each owner only their own rows.
   */
  public Future<QuotaSnapshot> snapshot(OwnerId payer, OwnerId agentOwner, AgentId agent,
                                        Optional<String> remoteDomain) {
    Future<QuotaSnapshot> paying = read(payer, agent, remoteDomain);
    return payer.equals(agentOwner) ? paying
        : paying.compose(p -> read(agentOwner, agent, Optional.empty()).map(p::withAgentSide));
  }

  /** One call (V9 {@code aiox_quota_snapshot}), no transaction: a quota check's only database round trip. */
  private Future<QuotaSnapshot> read(OwnerId owner, AgentId agent, Optional<String> remoteDomain) {
    return scope.pool().preparedQuery("SELECT today, quota_config, owner_today, agent_today, domain_today"
            + " FROM aiox_quota_snapshot($1, $2, $3)")
        .execute(Tuple.of(owner.value(), agent.value(), remoteDomain.orElse(null))).map(rows -> {
          Row r = rows.iterator().next();
          Object config = r.getValue("quota_config");
          return new QuotaSnapshot(config instanceof JsonObject json ? json : new JsonObject(),
              r.getLocalDate("today"), orZero(r.getLong("owner_today")), orZero(r.getLong("agent_today")),
              orZero(r.getLong("domain_today")));
        });
  }

  /**
   * Adds a settled turn's real tokens to the day's totals (owner, agent, remote domain) in one transaction. Tokens
   * of a day the owner's row has already moved past are kept for the agent and domain but not for the owner, whose
   * row holds one day only.
   */
  public Future<Void> record(OwnerId owner, AgentId agent, Optional<String> remoteDomain, LocalDate day,
                             long tokens) {
    return record(owner, owner, agent, remoteDomain, day, tokens);
  }

  /**
   * The same when {@code payer} pays for a turn of {@code agentOwner}'s agent: the owner's total is the payer's,
   * written as the payer; the agent's and the domain's are written as the agent's owner (two transactions then).
   */
  public Future<Void> record(OwnerId payer, OwnerId agentOwner, AgentId agent, Optional<String> remoteDomain,
                             LocalDate day, long tokens) {
    return record(payer, agentOwner, agent, remoteDomain, day, tokens, 1);
  }

  /** The same for {@code turns} settled turns at once, {@code tokens} being their sum. */
  public Future<Void> record(OwnerId payer, OwnerId agentOwner, AgentId agent, Optional<String> remoteDomain,
                             LocalDate day, long tokens, int turns) {
    if (payer.equals(agentOwner)) {
      return scope.run(payer, conn -> recordOwner(conn, payer, day, tokens)
          .compose(v -> recordAgentAndDomain(conn, agentOwner, agent, remoteDomain, day, tokens, turns)));
    }
    return scope.run(payer, conn -> recordOwner(conn, payer, day, tokens))
        .compose(v -> scope.run(agentOwner, conn -> recordAgentAndDomain(conn, agentOwner, agent, remoteDomain, day,
            tokens, turns)));
  }

  /**
   * Adds a batch of settled use to the day's totals of its payers, agents and remote domains in one call, whatever
   * the number of owners in it (the V8 function {@code aiox_add_quota_days}, which takes each agent's owner from the
   * agents table). Completes when all of it is stored; nothing of it is when it fails.
   */
  public Future<Void> recordAll(List<DayUsage> batch) {
    if (batch.isEmpty()) {
      return Future.succeededFuture();
    }
    int n = batch.size();
    UUID[] payers = new UUID[n];
    UUID[] agents = new UUID[n];
    String[] domains = new String[n];
    LocalDate[] days = new LocalDate[n];
    Long[] tokens = new Long[n];
    Long[] turns = new Long[n];
    for (int i = 0; i < n; i++) {
      DayUsage u = batch.get(i);
      payers[i] = u.payer().value();
      agents[i] = u.agent().value();
      domains[i] = u.remoteDomain().orElse(null);
      days[i] = u.day();
      tokens[i] = u.tokens();
      turns[i] = u.turns();
    }
    return scope.pool().preparedQuery("SELECT aiox_add_quota_days($1, $2, $3, $4, $5, $6)")
        .execute(Tuple.tuple().addArrayOfUUID(payers).addArrayOfUUID(agents).addArrayOfString(domains)
            .addArrayOfLocalDate(days).addArrayOfLong(tokens).addArrayOfLong(turns))
        .mapEmpty();
  }

  private static Future<Void> recordAgentAndDomain(SqlConnection conn, OwnerId owner, AgentId agent,
                                                   Optional<String> remoteDomain, LocalDate day, long tokens,
                                                   int turns) {
    return conn.preparedQuery("INSERT INTO agent_quota_days (agent_id, owner_user_id, day, tokens_used,"
            + " turns) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (agent_id, day) DO UPDATE SET"
            + " tokens_used = agent_quota_days.tokens_used + EXCLUDED.tokens_used,"
            + " turns = agent_quota_days.turns + EXCLUDED.turns")
        .execute(Tuple.of(agent.value(), owner.value(), day, tokens, turns))
        .compose(v -> remoteDomain.isEmpty() ? Future.succeededFuture() : conn
            .preparedQuery("INSERT INTO remote_domain_quota_days (domain, day, tokens_used, turns)"
                + " VALUES ($1, $2, $3, $4) ON CONFLICT (domain, day) DO UPDATE SET"
                + " tokens_used = remote_domain_quota_days.tokens_used + EXCLUDED.tokens_used,"
                + " turns = remote_domain_quota_days.turns + EXCLUDED.turns")
            .execute(Tuple.of(remoteDomain.get(), day, tokens, turns)).mapEmpty())
        .mapEmpty();
  }

  private static Future<Void> recordOwner(SqlConnection conn, OwnerId owner, LocalDate day, long tokens) {
    // tokens_used_minute/last_reset keep a rough "this minute" figure for readers of the row; the exact sliding
    // window lives in Redis.
    return conn.preparedQuery("INSERT INTO user_quotas AS q (user_id, day, tokens_used_today, tokens_used_minute,"
            + " last_reset) VALUES ($1, $2, $3, $3, now()) ON CONFLICT (user_id) DO UPDATE SET"
            + " tokens_used_today = CASE WHEN q.day = EXCLUDED.day"
            + " THEN q.tokens_used_today + EXCLUDED.tokens_used_today"
            + " WHEN q.day < EXCLUDED.day THEN EXCLUDED.tokens_used_today ELSE q.tokens_used_today END,"
            + " tokens_used_minute = CASE WHEN q.last_reset >= date_trunc('minute', now())"
            + " THEN q.tokens_used_minute + EXCLUDED.tokens_used_minute ELSE EXCLUDED.tokens_used_minute END,"
            + " day = GREATEST(q.day, EXCLUDED.day), last_reset = now()")
        .execute(Tuple.of(owner.value(), day, tokens)).mapEmpty();
  }

  private static long orZero(Long value) {
    return value == null ? 0 : value;
  }
}
