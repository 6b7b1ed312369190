package io.aiox.component.console;

import io.aiox.component.agents.AgentEvents;
import io.aiox.component.agents.AgentRules;
import io.aiox.component.agents.OwnerAgents;
import io.aiox.component.hub.HubConfig;
import io.aiox.component.users.UserAccounts;
import io.aiox.component.xmpp.AdminApi;
import io.aiox.component.xmpp.XmppAccounts;
import io.aiox.policy.crypto.Vault;
import io.aiox.schema.Database;
import io.aiox.schema.admin.OperatorQueries;
import io.aiox.schema.agent.AgentRepository;
import io.aiox.schema.audit.AuditLog;
import io.aiox.schema.quota.QuotaRepository;
import io.aiox.schema.tool.AgentToolRepository;
import io.aiox.schema.user.UserRepository;
import io.aiox.web.admin.AdminRoutes;
import io.aiox.web.admin.UserRoles;
import io.aiox.web.agents.AgentRoutes;
import io.aiox.web.auth.Authenticator;
import io.aiox.web.http.ConsoleRoutes;
import io.vertx.core.Vertx;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Builds the agents and administration groups of the console from the hub's stores and configuration. The
 * administration's cross-owner reads (all agents, all users) go through the admin role's pool, as the operator's
 * commands do; everything else runs as the owner concerned, under row-level security.
 */
public final class ConsoleGroups {
  private final Vertx vertx;
  private final HubConfig config;
  private final Database database;
  private final Optional<Vault> vault;
  private final AgentEvents events;
  private final Optional<Supplier<Map<String, String>>> unavailable;
  private OperatorQueries operator;

  /**
   * @param events who hears of agents created, changed or deleted (the rosters), as for the ad-hoc commands
   * @param unavailable the models this hub failed to load; empty when it serves no turns
   */
  public ConsoleGroups(Vertx vertx, HubConfig config, Database database, Optional<Vault> vault, AgentEvents events,
                       Optional<Supplier<Map<String, String>>> unavailable) {
    this.vertx = vertx;
    this.config = config;
    this.database = database;
    this.vault = vault;
    this.events = events;
    this.unavailable = unavailable;
  }

  /** {@code /api/agents}, {@code /api/models}, {@code /api/tools}. */
  public ConsoleRoutes agents(Authenticator auth) {
    AgentRepository agents = new AgentRepository(database.ownerScope(), config.xmpp().componentDomain());
    OwnerAgents owners = new OwnerAgents(agents, new AgentToolRepository(database.ownerScope()),
        new AgentRules(config.models(), config.tools().mcp()), () -> vault).withEvents(events);
    return new AgentRoutes(auth, new HubAgents(owners, agents, new UserRepository(database.ownerScope()), operator(),
        config.xmpp().componentDomain(), config.agents().maxPerUser()), new AuditLog(database.ownerScope()));
  }

  /** {@code /api/admin/*}; {@code roles} is where the sign-in side keeps each user's role. */
  public ConsoleRoutes admin(Authenticator auth, UserRoles roles) {
    UserRepository users = new UserRepository(database.ownerScope());
    UserAccounts accounts = new UserAccounts(vertx, new XmppAccounts(new AdminApi(config.xmpp().adminApi()),
        config.xmpp().domain()), users, new QuotaRepository(database.ownerScope()));
    return new AdminRoutes(auth, new HubAdmin(accounts, operator(), config.models(), unavailable,
        config.federation()), roles);
  }

  /**
   * One admin-role connection for every group's cross-owner reads (all agents, all users, every owner's usage),
   * made on first use (it blocks: at start-up only).
   */
  public OperatorQueries operator() {
    if (operator == null) {
      operator = OperatorQueries.connect(vertx, config.database());
    }
    return operator;
  }

  /** Closes the admin role's connection. */
  public void close() {
    if (operator != null) {
      operator.close();
    }
  }
}
