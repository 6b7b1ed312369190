package io.aiox.component.hub;

import io.aiox.component.observability.HealthCheck;
import io.aiox.component.observability.Readiness;
import io.aiox.component.xmpp.ComponentVerticle;
import io.aiox.schema.Database;
import io.aiox.worker.inference.InferenceVerticle;
import io.aiox.worker.model.ModelRegistry;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.util.ArrayList;
import java.util.List;

/**
 * What readiness asks of a hub: its XMPP component link, or one of them ({@code xmpp}), PostgreSQL ({@code postgres}) and Redis
 * ({@code redis}) answering, and, when the hub serves turns, its default model loaded ({@code model}). Governance
 * fails closed, so a hub missing any of them refuses every turn and should get none.
 */
final class HubChecks {
  private HubChecks() {}

  /** {@code inference} is null when the hub does not serve turns, {@code component} on a worker node. */
  static Readiness of(HubConfig config, ComponentVerticle component, Database database, Redis redis,
                      InferenceVerticle inference) {
    List<HealthCheck> checks = new ArrayList<>();
    if (component != null) {
      // Up while one link is: any node of an ejabberd cluster routes to every user and every agent.
      checks.add(HealthCheck.of("xmpp", () -> component.connected() ? null : config.xmpp().servers().size() == 1
          ? "the component link to " + config.xmpp().servers().get(0) + " is not connected"
          : "none of the component links to " + String.join(", ", component.disconnected()) + " is connected"));
    }
    checks.add(new HealthCheck("postgres", () -> database.pool().query("SELECT 1").execute()
        .recover(e -> Future.failedFuture(config.database().describe() + " does not answer: " + e.getMessage()))));
    checks.add(new HealthCheck("redis", () -> redis.send(Request.cmd(Command.PING))
        .recover(e -> Future.failedFuture("Redis at " + config.redisUri() + " does not answer: " + e.getMessage()))));
    if (inference != null) {
      checks.add(HealthCheck.of("model", () -> modelProblem(config.models(), inference)));
    }
    return new Readiness(checks);
  }

  /** Null when the default model can answer. */
  static String modelProblem(ModelRegistry models, InferenceVerticle inference) {
    if (models.names().isEmpty()) {
      return "no model is configured (inference.models)";
    }
    String reason = inference.unavailable().get(models.defaultModel());
    return reason == null ? null : "the default model " + models.defaultModel() + " did not load: " + reason;
  }
}
