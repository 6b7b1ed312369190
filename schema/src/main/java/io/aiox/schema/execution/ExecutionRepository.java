package io.aiox.schema.execution;

import io.aiox.schema.OwnerScope;
import io.aiox.schema.id.AgentId;
import io.aiox.schema.id.OwnerId;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/** Executions (turns). {@code (agent, request id)} is unique, which makes a turn idempotent across hub instances. */
public final class ExecutionRepository {
  private final OwnerScope scope;

  public ExecutionRepository(OwnerScope scope) {
    this.scope = scope;
  }

  /** Starts a turn; empty when this request id already ran (or runs) for the agent. */
  public Future<Optional<UUID>> start(OwnerId owner, AgentId agent, String requestId, String peer, String input) {
    UUID id = UUID.randomUUID();
    return scope.run(owner, conn -> conn
        .preparedQuery("INSERT INTO executions (id, owner_user_id, agent_id, request_id, peer_jid, input)"
            + " VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (agent_id, request_id) DO NOTHING")
        .execute(Tuple.of(id, owner.value(), agent.value(), requestId, peer, input))
        .map(rows -> rows.rowCount() == 1 ? Optional.of(id) : Optional.<UUID>empty()));
  }

  /** What is recorded of a request: who sent it (a full JID), how it stands, and its answer or error. */
  public record Recorded(String peer, String status, String output, String error) {
    public boolean running() {
      return "running".equals(status);
    }
  }

  /** The agent's execution of {@code requestId}, when one was started. */
  public Future<Optional<Recorded>> byRequest(OwnerId owner, AgentId agent, String requestId) {
    return scope.run(owner, conn -> conn
        .preparedQuery("SELECT peer_jid, status, output, error FROM executions WHERE agent_id = $1 AND request_id = $2")
        .execute(Tuple.of(agent.value(), requestId))
        .map(rows -> rows.size() == 0 ? Optional.<Recorded>empty() : Optional.of(rows.iterator().next())
            .map(r -> new Recorded(r.getString(0), r.getString(1), r.getString(2), r.getString(3)))));
  }

  /** Records how the turn ended: {@code completed}, {@code failed}, {@code refused} or {@code cancelled}. */
  public Future<Void> finish(OwnerId owner, UUID id, Outcome outcome) {
    Tuple args = Tuple.tuple().addUUID(id).addString(outcome.status()).addString(outcome.output())
        .addString(outcome.error()).addString(outcome.provider()).addString(outcome.model())
        .addInteger(outcome.promptTokens()).addInteger(outcome.completionTokens())
        .addValue(outcome.stageMicros()).addInteger(outcome.durationMs());
    return scope.run(owner, conn -> conn
        .preparedQuery("UPDATE executions SET status = $2, output = $3, error = $4, provider = $5, model = $6,"
            + " prompt_tokens = $7, completion_tokens = $8, stage_micros = $9, duration_ms = $10, finished_at = now()"
            + " WHERE id = $1")
        .execute(args).mapEmpty());
  }

  /** Appends to the turn's {@code tools_called}: what it called or asked (tools, other agents) and what came back. */
  public Future<Void> recordCalls(OwnerId owner, UUID id, JsonArray calls) {
    return scope.run(owner, conn -> conn
        .preparedQuery("UPDATE executions SET tools_called = tools_called || $2::jsonb WHERE id = $1")
        .execute(Tuple.of(id, calls)).mapEmpty());
  }

  /**
   * Whether {@code peer} (a bare JID: any of its resources) has a turn with the agent still running that started
   * less than {@code within} ago. Older running rows are turns nobody waits for any more (or a stopped hub's).
   */
  public Future<Boolean> running(OwnerId owner, AgentId agent, String peer, Duration within) {
    Tuple args = Tuple.of(owner.value(), agent.value(), peer.toLowerCase(Locale.ROOT),
        (int) within.toSeconds());
    return scope.run(owner, conn -> conn
        .preparedQuery("SELECT 1 FROM executions WHERE owner_user_id = $1 AND agent_id = $2 AND status = 'running'"
            + " AND lower(split_part(peer_jid, '/', 1)) = $3 AND created_at > now() - make_interval(secs => $4)"
            + " LIMIT 1")
        .execute(args).map(rows -> rows.size() > 0));
  }

  /**
   * Executions still {@code running} that started more than {@code age} ago, across owners, oldest first: ids
   * only. The database's clock decides, so hub instances with different clocks agree.
   */
  public Future<List<StaleExecution>> stale(Duration age, int limit) {
    return scope.pool().preparedQuery("SELECT owner_user_id, id FROM aiox_stale_executions($1, $2)")
        .execute(Tuple.of((int) age.toSeconds(), limit)).map(rows -> {
          List<StaleExecution> stale = new ArrayList<>(rows.size());
          rows.forEach(r -> stale.add(new StaleExecution(new OwnerId(r.getUUID("owner_user_id")),
              r.getUUID("id"))));
          return stale;
        });
  }

  /**
   * Ends as {@code failed} with {@code error} those of the owner's executions {@code ids} that are still running
   * and older than {@code age} (checked again here: one that ended meanwhile keeps its outcome); how many.
   */
  public Future<Integer> settleStale(OwnerId owner, List<UUID> ids, Duration age, String error) {
    Tuple args = Tuple.of(owner.value(), ids.toArray(UUID[]::new), (int) age.toSeconds(), error);
    return scope.run(owner, conn -> conn
        .preparedQuery("UPDATE executions SET status = 'failed', error = $4, finished_at = now()"
            + " WHERE owner_user_id = $1 AND id = ANY($2) AND status = 'running'"
            + " AND created_at < now() - make_interval(secs => $3)")
        .execute(args).map(RowSet::rowCount));
  }

  /** An execution found by {@link #stale}: its owner and id, nothing more. */
  public record StaleExecution(OwnerId owner, UUID id) {}

  /** The end of a turn as stored. Token counts are null when no engine ran. */
  public record Outcome(String status, String output, String error, String provider, String model,
                        Integer promptTokens, Integer completionTokens, JsonObject stageMicros, int durationMs) {}
}
