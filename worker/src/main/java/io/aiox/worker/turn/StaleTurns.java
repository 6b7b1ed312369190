package io.aiox.worker.turn;

import io.aiox.schema.execution.ExecutionRepository;
import io.aiox.schema.execution.ExecutionRepository.StaleExecution;
import io.aiox.schema.id.OwnerId;
import io.aiox.worker.model.ModelRegistry;
import io.aiox.worker.model.ModelSpec;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Settles the executions a hub left {@code running} when it stopped (crash, kill): they end as {@code failed} with
 * {@link #ERROR}. Several hub instances may share one database, so a row is stale only when it started longer ago
 * than any live turn can run ({@link #staleAfter}), by the database's clock: no instance's live turn is touched,
 * whichever instance sweeps. Each hub sweeps at start-up and then once per that period, so the turns of an instance
 * that stopped while others kept serving are settled too. Rows are found across owners by id only and settled in
 * each owner's scope; sweeps running at once are harmless (a settled row is no longer {@code running}).
 */
public final class StaleTurns {
  private static final Logger LOG = Logger.getLogger(StaleTurns.class.getName());
  /** The error a settled execution records. */
  public static final String ERROR = "the hub stopped before the turn ended";
  /**
   * Beyond the model's timeout, what a live turn may spend outside the model: gathering its context (a question to
   * another agent waits up to 90 s) and storing its outcome.
   */
  static final Duration MARGIN = Duration.ofMinutes(5);
  static final int PER_ROUND = 500;

  private final ExecutionRepository executions;
  private final Duration staleAfter;

  public StaleTurns(ExecutionRepository executions, Duration staleAfter) {
    this.executions = executions;
    this.staleAfter = staleAfter;
  }

  /**
   * How long a live turn can stay running at most: the longest {@code timeout_seconds} of the configured models
   * (a turn's deadline, which ends it with what it had) plus {@link #MARGIN}. Instances sharing a database are
   * expected to share their model configuration.
   */
  public static Duration staleAfter(ModelRegistry models) {
    int longest = models.names().stream().map(models::get).flatMap(Optional::stream)
        .mapToInt(ModelSpec::timeoutSeconds).max().orElse(ModelSpec.DEFAULT_TIMEOUT_SECONDS);
    return Duration.ofSeconds(longest).plus(MARGIN);
  }

  /** Sweeps now, then once per {@link #staleAfter} period until Vert.x closes; completes with the first count. */
  public Future<Integer> sweepNowAndEvery(Vertx vertx) {
    return sweep().andThen(first -> vertx.setPeriodic(staleAfter.toMillis(), id -> sweep()));
  }

  /** One sweep; completes with the number of executions settled. A failure is logged and counts as none. */
  public Future<Integer> sweep() {
    return round(0).onSuccess(n -> {
      if (n > 0) {
        LOG.warning(() -> n + " executions were still running " + staleAfter.toSeconds()
            + " s after they started; settled as failed: " + ERROR);
      }
    }).recover(e -> {
      LOG.warning(() -> "could not settle executions left running by a stopped hub (next sweep in "
          + staleAfter.toSeconds() + " s): " + e.getMessage());
      return Future.succeededFuture(0);
    });
  }

  private Future<Integer> round(int settled) {
    return executions.stale(staleAfter, PER_ROUND).compose(found -> settleAll(byOwner(found)).compose(n ->
        // a round that settled nothing would find the same rows again: stop rather than spin
        found.size() < PER_ROUND || n == 0 ? Future.succeededFuture(settled + n) : round(settled + n)));
  }

  private Future<Integer> settleAll(Map<OwnerId, List<UUID>> byOwner) {
    Future<Integer> total = Future.succeededFuture(0);
    for (Map.Entry<OwnerId, List<UUID>> e : byOwner.entrySet()) {
      total = total.compose(sum -> executions.settleStale(e.getKey(), e.getValue(), staleAfter, ERROR)
          .map(n -> sum + n));
    }
    return total;
  }

  private static Map<OwnerId, List<UUID>> byOwner(List<StaleExecution> found) {
    Map<OwnerId, List<UUID>> byOwner = new LinkedHashMap<>();
    found.forEach(s -> byOwner.computeIfAbsent(s.owner(), o -> new ArrayList<>()).add(s.id()));
    return byOwner;
  }
}
