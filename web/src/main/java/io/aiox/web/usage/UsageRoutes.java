package io.aiox.web.usage;

import io.aiox.policy.quota.QuotaUnavailableException;
import io.aiox.schema.audit.AuditLog;
import io.aiox.schema.id.OwnerId;
import io.aiox.schema.usage.AlertRepository;
import io.aiox.schema.usage.UsageReport;
import io.aiox.schema.usage.UsageRepository;
import io.aiox.web.auth.Authenticator;
import io.aiox.web.http.ConsoleRoutes;
import io.aiox.web.http.ProblemException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * {@code GET /api/usage} and {@code GET /api/alerts} (docs/console.md, "Usage, governance and alerts"). Numbers
 * come from where governance keeps them: turns and tokens from {@code executions}, refusals from the audit chain,
 * what is left from the Redis counters turns are admitted by, queue and workers from the running hub.
 */
public final class UsageRoutes implements ConsoleRoutes {
  private static final int ALERTS_SHOWN = 200;

  private final Authenticator auth;
  private final UsageRepository usage;
  private final Optional<IntFunction<Future<UsageReport>>> hubWide;
  private final QuotaView quota;
  private final HubLoad hub;
  private final AlertRepository alerts;
  private final PriceTable prices;
  private final AuditLog audit;

  /**
   * {@code hubWide}: every owner's report for {@code owner=all} (on the admin role), empty when the hub has none;
   * {@code quota}: the owner's standing, from the quota service.
   */
  public UsageRoutes(Authenticator auth, UsageSources sources, Optional<IntFunction<Future<UsageReport>>> hubWide,
                     HubLoad hub, PriceTable prices) {
    this.auth = auth;
    this.usage = sources.usage();
    this.hubWide = hubWide;
    this.quota = new QuotaView(sources.quotas(), sources.agents());
    this.hub = hub;
    this.alerts = sources.alerts();
    this.prices = prices;
    this.audit = sources.audit();
  }

  @Override
  public void mount(Router router) {
    router.get("/api/usage").handler(auth.signedIn()).handler(this::usage);
    router.get("/api/alerts").handler(auth.signedIn()).handler(this::alerts);
  }

  @Override
  public Optional<String> openApi() {
    return Optional.of("openapi/usage.json");
  }

  private void usage(RoutingContext ctx) {
    int days = (int) Params.number(ctx, "days", 7, 1, UsageRepository.MAX_DAYS);
    Subject.of(ctx, true, audit).compose(subject -> switch (subject) {
      case Subject.One one -> ofOwner(one.owner(), days);
      case Subject.All all -> ofHub(days);
    }).onSuccess(json -> send(ctx, json.put("days_counted", days).mergeIn(UsageJson.hub(hub))))
        .onFailure(ctx::fail);
  }

  private Future<JsonObject> ofOwner(OwnerId owner, int days) {
    return usage.report(owner, days).compose(report -> quota.of(owner)
        .map(q -> UsageJson.of(report, prices).put("owner", owner.toString()).put("quota", q))
        .recover(e -> e instanceof QuotaUnavailableException u
            ? Future.succeededFuture(UsageJson.of(report, prices).put("owner", owner.toString())
                .put("quota", new JsonArray()).put("quota_unavailable", u.getMessage()))
            : Future.failedFuture(e)));
  }

  private Future<JsonObject> ofHub(int days) {
    return hubWide.map(f -> f.apply(days).map(r -> UsageJson.of(r, prices).put("owner", "all")
        .put("quota", new JsonArray())))
        .orElseGet(() -> Future.failedFuture(ProblemException.unavailable("this hub has no admin database login"
            + " (database.adminUser), which every owner's numbers together need")));
  }

  private void alerts(RoutingContext ctx) {
    Subject.of(ctx, false, audit).compose(subject -> alerts.list(((Subject.One) subject).owner(), ALERTS_SHOWN))
        .onSuccess(list -> {
          JsonArray out = new JsonArray();
          list.forEach(a -> out.add(new JsonObject().put("id", a.id().toString()).put("kind", "quota.near_limit")
              .put("scope", a.scope()).put("scope_id", a.scopeId().toString()).put("limit_key", a.limitKey())
              .put("window", a.limitKey().endsWith("_per_day") ? "day" : "minute")
              .put("window_start", a.windowStart().toString()).put("used", a.used()).put("limit", a.limitValue())
              .put("at", a.at().toString()).put("text", a.text())));
          send(ctx, new JsonObject().put("alerts", out));
        }).onFailure(ctx::fail);
  }

  static void send(RoutingContext ctx, JsonObject json) {
    ctx.response().putHeader("content-type", "application/json").end(json.encode());
  }
}
