package io.aiox.component.observability;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Asks every {@link HealthCheck} at once, each bounded by {@link #TIMEOUT_MS}, and reports each one's status; the
 * hub is ready when all are up. A check that does not answer in time is down: a load balancer must not wait on a
 * hung dependency.
 */
public final class Readiness {
  static final long TIMEOUT_MS = 2_000;

  private final List<HealthCheck> checks;

  public Readiness(List<HealthCheck> checks) {
    this.checks = List.copyOf(checks);
  }

  /** What the checks said. */
  public record Report(boolean ready, JsonObject checks) {
    /** The down checks, as {@code name: reason; ...}. */
    public String failures() {
      List<String> down = new ArrayList<>();
      checks.forEach(e -> {
        JsonObject check = (JsonObject) e.getValue();
        if (!"up".equals(check.getString("status"))) {
          down.add(e.getKey() + ": " + check.getString("reason"));
        }
      });
      return String.join("; ", down);
    }
  }

  public Future<Report> check() {
    List<Future<JsonObject>> results = checks.stream().map(Readiness::run).toList();
    return Future.join(results).transform(done -> {
      JsonObject out = new JsonObject();
      boolean ready = true;
      for (int i = 0; i < checks.size(); i++) {
        JsonObject result = results.get(i).result();
        out.put(checks.get(i).name(), result);
        ready &= "up".equals(result.getString("status"));
      }
      return Future.succeededFuture(new Report(ready, out));
    });
  }

  private static Future<JsonObject> run(HealthCheck check) {
    long started = System.nanoTime();
    Future<?> probe;
    try {
      probe = check.probe().get();
    } catch (RuntimeException e) {
      probe = Future.failedFuture(e);
    }
    return probe.timeout(TIMEOUT_MS, TimeUnit.MILLISECONDS).transform(r -> {
      JsonObject result = new JsonObject().put("status", r.succeeded() ? "up" : "down")
          .put("duration_ms", (System.nanoTime() - started) / 1_000_000);
      if (r.failed()) {
        result.put("reason", reason(r.cause()));
      }
      return Future.succeededFuture(result);
    });
  }

  private static String reason(Throwable e) {
    if (e instanceof java.util.concurrent.TimeoutException) {
      return "no answer within " + TIMEOUT_MS + " ms";
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
