package io.aiox.schema.admin;

import io.aiox.schema.DatabaseConfig;
import io.aiox.schema.SchemaException;
import io.aiox.schema.agent.Agent;
import io.aiox.schema.agent.AgentRepository;
import io.aiox.schema.audit.AuditVerifier;
import io.aiox.schema.id.OwnerId;
import io.aiox.schema.user.User;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.util.List;

/** Cross-owner reads for the operator's commands, as the admin role. */
public final class OperatorQueries implements AutoCloseable {
  private final Pool adminPool;

  private OperatorQueries(Pool adminPool) {
    this.adminPool = adminPool;
  }

  public static OperatorQueries connect(Vertx vertx, DatabaseConfig config) {
    PgConnectOptions connect = new PgConnectOptions().setHost(config.host()).setPort(config.port())
        .setDatabase(config.database()).setUser(config.adminUser()).setPassword(config.adminPassword());
    Pool pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(1)).connectingTo(connect).using(vertx).build();
    try {
      pool.query("SELECT 1").execute().await();
    } catch (RuntimeException e) {
      pool.close();
      throw new SchemaException(config.describe() + " is unreachable as " + config.adminUser() + ": " + e.getMessage(), e);
    }
    return new OperatorQueries(pool);
  }

  /** Every live agent of every owner, oldest first. */
  public Future<List<Agent>> allAgents() {
    return adminPool.query("SELECT " + AgentRepository.COLUMNS + " FROM agents WHERE deleted_at IS NULL"
        + " ORDER BY created_at, id").execute().map(AgentRepository::all);
  }

  /** Every user, oldest first, with how many live agents each holds. */
  public Future<List<UserSummary>> allUsers() {
    return adminPool.query("SELECT u.id, u.username, u.xmpp_jid, u.disabled_at, u.created_at,"
        + " (SELECT count(*) FROM agents a WHERE a.owner_user_id = u.id AND a.deleted_at IS NULL) AS agents"
        + " FROM users u ORDER BY u.created_at, u.id").execute().map(rows -> {
          List<UserSummary> users = new java.util.ArrayList<>(rows.size());
          rows.forEach(r -> users.add(new UserSummary(new User(new OwnerId(r.getUUID("id")), r.getString("username"),
              r.getString("xmpp_jid"), r.getOffsetDateTime("disabled_at")), r.getLong("agents"),
              r.getOffsetDateTime("created_at"))));
          return users;
        });
  }

  /** A user as an admin lists them. */
  public record UserSummary(User user, long liveAgents, java.time.OffsetDateTime createdAt) {}

  /** The audit chains' verifier, on this admin pool (the hub role would see no owner's entries). */
  public AuditVerifier auditVerifier() {
    return new AuditVerifier(adminPool);
  }

  /** Every owner's usage of the last {@code days} days together (the console's {@code owner=all}). */
  public Future<io.aiox.schema.usage.UsageReport> usage(int days) {
    return io.aiox.schema.usage.UsageRepository.allOwners(adminPool, days);
  }

  /**
   * Hub-wide sizes for the metrics: agents ever created (deleted ones are kept, so the number only grows), live
   * agents, and the bytes the memory partitions and their indexes take on disk. Reads counts and catalog sizes
   * only, never a row's content.
   */
  public Future<StoreCounts> storeCounts() {
    return adminPool.query("SELECT count(*), count(*) FILTER (WHERE deleted_at IS NULL),"
        + " (SELECT COALESCE(sum(pg_total_relation_size(i.inhrelid)), 0)::bigint FROM pg_inherits i"
        + " WHERE i.inhparent = 'agent_memories'::regclass) FROM agents").execute()
        .map(rows -> {
          var row = rows.iterator().next();
          return new StoreCounts(row.getLong(0), row.getLong(1), row.getLong(2));
        });
  }

  /** See {@link #storeCounts()}. */
  public record StoreCounts(long agentsCreated, long agentsLive, long memoryBytes) {}

  @Override
  public void close() {
    adminPool.close();
  }
}
