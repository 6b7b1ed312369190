package io.aiox.worker.inference;

import io.aiox.schema.agent.Agent;
import io.aiox.schema.execution.ExecutionRepository;
import io.aiox.schema.execution.ExecutionRepository.Outcome;
import io.aiox.worker.telemetry.Metrics;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.UUID;

/**
 * The execution row of one turn, from the moment it is admitted: the stages it went through (microseconds each), the
 * tool and agent calls it made, and how it ended (completed, cancelled, refused or failed, with the text, the model
 * and the exact token counts). A failure to store the end of a failed turn is not the turn's failure.
 */
final class ExecutionLog {
  private final ExecutionRepository executions;
  private final Metrics metrics;
  private final Agent agent;
  private final UUID execution;
  private final long startedNanos;
  private final JsonObject stages = new JsonObject();

  ExecutionLog(ExecutionRepository executions, Metrics metrics, Agent agent, UUID execution, long startedNanos) {
    this.executions = executions;
    this.metrics = metrics;
    this.agent = agent;
    this.execution = execution;
    this.startedNanos = startedNanos;
  }

  UUID execution() {
    return execution;
  }

  /** The turn was admitted: the time since it arrived is its {@code admission} stage. */
  void admitted() {
    stage("admission", startedNanos);
  }

  /** Stage {@code name} ran from {@code sinceNanos} until now. */
  void stage(String name, long sinceNanos) {
    stages.put(name, (System.nanoTime() - sinceNanos) / 1_000);
  }

  /** Records {@code calls} (tools or agents the turn called) when there are any; completes with {@code then}. */
  <T> Future<T> calls(JsonArray calls, T then) {
    return calls.isEmpty() ? Future.succeededFuture(then)
        : executions.recordCalls(agent.owner(), execution, calls).map(then);
  }

  /** The turn ended with {@code text} from {@code done} (stopped or not); its stages go to the metrics too. */
  Future<Void> finished(Completion done, String text) {
    Outcome outcome = new Outcome(done.cancelled() ? "cancelled" : "completed", text, null, done.provider(),
        done.model(), done.promptTokens(), done.completionTokens(), stages.put("first_token", done.firstTokenMicros()),
        elapsedMs());
    EngineTiming.stages(metrics, stages);
    return executions.finish(agent.owner(), execution, outcome);
  }

  /** The turn ended as {@code status} ({@code failed}, {@code refused}) with {@code error}; never fails. */
  Future<Void> failed(String status, String error) {
    return executions.finish(agent.owner(), execution, new Outcome(status, null, error, null, null, null, null,
        stages, elapsedMs())).recover(e -> Future.succeededFuture());
  }

  private int elapsedMs() {
    return (int) ((System.nanoTime() - startedNanos) / 1_000_000);
  }
}
