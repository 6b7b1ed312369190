package io.aiox.component.observability;

import io.vertx.core.Future;
import java.util.function.Supplier;

/**
 * One thing the hub needs to serve turns, by the name readiness reports it under. {@code probe} succeeds when it
 * is usable and fails with a message saying why not; it must not wait on its own beyond the readiness timeout.
 */
public record HealthCheck(String name, Supplier<Future<?>> probe) {
  /** A check answered from state the hub already holds: up when {@code problem} gives null, else down with it. */
  public static HealthCheck of(String name, Supplier<String> problem) {
    return new HealthCheck(name, () -> {
      String why = problem.get();
      return why == null ? Future.succeededFuture() : Future.failedFuture(why);
    });
  }
}
