package io.aiox.component.observability;

import io.aiox.schema.DatabaseConfig;
import io.aiox.schema.admin.OperatorQueries;
import io.aiox.schema.admin.OperatorQueries.StoreCounts;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;

/**
 * Agents and memory as the database holds them. Agents are created by the operator's commands in another process,
 * so no counter in the hub could see it happen; the numbers are read as the admin role (row-level security hides
 * every owner's rows from the hub's role) when a scrape comes and the last reading is older than
 * {@link #FRESH_MS} ms, so an idle hub queries nothing. A slow database delays a scrape by at most
 * {@link #WAIT_MS} ms; the scrape then shows the previous reading. Every hub reports the same hub-wide values:
 * aggregate them with {@code max}, not {@code sum}.
 */
public final class StoreGauges implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(StoreGauges.class.getName());
  static final long FRESH_MS = 1_000;
  static final long WAIT_MS = 1_000;

  private final OperatorQueries queries;
  private final AtomicReference<StoreCounts> last = new AtomicReference<>(new StoreCounts(0, 0, 0));
  private final AtomicLong readAt = new AtomicLong(Long.MIN_VALUE);

  private StoreGauges(OperatorQueries queries) {
    this.queries = queries;
  }

  public static StoreGauges start(Vertx vertx, DatabaseConfig database, MeterRegistry registry) {
    StoreGauges gauges = new StoreGauges(OperatorQueries.connect(vertx, database));
    gauges.register(registry);
    return gauges;
  }

  private void register(MeterRegistry registry) {
    // Not aiox_agents_created_total: the exposition reserves a _created suffix for counters' creation times.
    FunctionCounter.builder("aiox.agent.creations", last, r -> r.get().agentsCreated())
        .description("Agents created on this deployment, deleted ones included").register(registry);
    Gauge.builder("aiox.agents.live", last, r -> r.get().agentsLive())
        .description("Agents not deleted").register(registry);
    Gauge.builder("aiox.memory", last, r -> r.get().memoryBytes()).baseUnit(BaseUnits.BYTES)
        .description("Disk taken by long-term memories and their indexes").register(registry);
  }

  /** Reads the counts again unless the last reading is fresh; always completes, within {@link #WAIT_MS}. */
  public Future<Void> refresh() {
    long now = System.nanoTime();
    long previous = readAt.get();
    if (previous != Long.MIN_VALUE && now - previous < TimeUnit.MILLISECONDS.toNanos(FRESH_MS)
        || !readAt.compareAndSet(previous, now)) {
      return Future.succeededFuture();
    }
    return queries.storeCounts().onSuccess(last::set).timeout(WAIT_MS, TimeUnit.MILLISECONDS).<Void>mapEmpty()
        .recover(e -> {
          LOG.warning(() -> "agent and memory counts not refreshed: " + e.getMessage());
          return Future.succeededFuture();
        });
  }

  @Override
  public void close() {
    queries.close();
  }
}
