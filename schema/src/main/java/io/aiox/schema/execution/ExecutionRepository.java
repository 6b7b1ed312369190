package io.aiox.schema.execution;

import io.aiox.schema.OwnerScope;
import io.aiox.schema.id.AgentId;
import io.aiox.schema.id.OwnerId;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
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

  /** The end of a turn as stored. Token counts are null when no engine ran. */
  public record Outcome(String status, String output, String error, String provider, String model,
                        Integer promptTokens, Integer completionTokens, JsonObject stageMicros, int durationMs) {}
}
