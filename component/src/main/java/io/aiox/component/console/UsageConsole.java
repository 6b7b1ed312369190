package io.aiox.component.console;

import io.aiox.component.hub.HubConfig;
import io.aiox.component.xmpp.ComponentVerticle;
import io.aiox.policy.quota.Quotas;
import io.aiox.schema.Database;
import io.aiox.schema.admin.OperatorQueries;
import io.aiox.schema.audit.AuditEntries;
import io.aiox.schema.quota.QuotaRepository;
import io.aiox.web.ConsoleConfig;
import io.aiox.web.audit.AuditRoutes;
import io.aiox.web.auth.Authenticator;
import io.aiox.web.http.ConsoleRoutes;
import io.aiox.web.usage.UsageAlerts;
import io.aiox.web.usage.UsageRoutes;
import io.aiox.web.usage.UsageSources;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import java.util.List;
import java.util.Optional;

/**
 * The console's usage and audit groups on a running hub, and the usage alert sweep. The quota service here reads
 * the same Redis counters as the component's; every owner's numbers together ({@code owner=all}) are read on the
 * operator's admin login the console's groups share ({@link ConsoleGroups#operator()}).
 */
public final class UsageConsole {
  private UsageConsole() {}

  /** {@code inference} is null when the hub serves no turns. */
  public static List<ConsoleRoutes> groups(Vertx vertx, HubConfig config, Database database, Redis redis,
                                           ComponentVerticle component,
                                           io.aiox.worker.inference.InferenceVerticle inference,
                                           OperatorQueries admin, Authenticator auth) {
    ConsoleConfig web = config.web();
    String domain = config.xmpp().componentDomain();
    Quotas quotas = new Quotas(vertx, redis, new QuotaRepository(database.ownerScope()), config.quota());
    UsageSources sources = UsageSources.of(database.ownerScope(), domain, quotas);
    new UsageAlerts(quotas, sources.alerts(), new ChatNotifier(component, domain), web.alerts()).start(vertx);
    return List.of(new UsageRoutes(auth, sources, Optional.of(admin::usage), new InferenceLoad(config.models(),
        inference), web.prices()), new AuditRoutes(auth, new AuditEntries(database.ownerScope()), sources.agents(),
        sources.audit()));
  }
}
