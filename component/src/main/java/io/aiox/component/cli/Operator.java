package io.aiox.component.cli;

import io.aiox.component.agents.AgentRules;
import io.aiox.component.agents.OwnerAgents;
import io.aiox.component.users.UserAccounts;
import io.aiox.component.hub.HubConfig;
import io.aiox.component.xmpp.AdminApi;
import io.aiox.component.xmpp.XmppAccounts;
import io.aiox.component.xmpp.roster.AgentRosters;
import io.aiox.policy.crypto.Vault;
import io.aiox.schema.Database;
import io.aiox.schema.agent.AgentRepository;
import io.aiox.schema.presence.SubscriberRepository;
import io.aiox.schema.quota.QuotaRepository;
import io.aiox.schema.tool.AgentToolRepository;
import io.aiox.schema.user.UserRepository;
import io.vertx.core.Vertx;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What an operator command works with: the hub's database as the hub role, and the XMPP server's accounts and
 * rosters.
 */
final class Operator implements AutoCloseable {
  final HubConfig config;
  final Vertx vertx = Vertx.vertx();
  final Database database;
  final UserRepository users;
  final AgentRepository agents;
  final QuotaRepository quotas;
  final XmppAccounts accounts;
  final AgentRosters rosters;
  final UserAccounts userAccounts;
  private Vault vault;
  private OwnerAgents ownerAgents;

  Operator(HubConfig config) {
    this.config = config;
    try {
      this.database = Database.connect(vertx, config.database()).await();
    } catch (RuntimeException e) {
      vertx.close();
      throw e;
    }
    this.users = new UserRepository(database.ownerScope());
    this.agents = new AgentRepository(database.ownerScope(), config.xmpp().componentDomain());
    this.quotas = new QuotaRepository(database.ownerScope());
    AdminApi api = new AdminApi(config.xmpp().adminApi());
    this.accounts = new XmppAccounts(api, config.xmpp().domain());
    this.userAccounts = new UserAccounts(vertx, accounts, users, quotas);
    this.rosters = new AgentRosters(vertx, api, config.xmpp().domain(), users,
        new SubscriberRepository(database.ownerScope()));
  }

  /** The hub's rules for owners' agents, shared with the agents service's ad-hoc commands. */
  OwnerAgents ownerAgents() {
    if (ownerAgents == null) {
      ownerAgents = new OwnerAgents(agents, new AgentToolRepository(database.ownerScope()),
          new AgentRules(config.models(), config.tools().mcp()), () -> Optional.of(vault()));
    }
    return ownerAgents;
  }

  /** The sealing service, made on first use: commands that seal nothing run without a master key. */
  Vault vault() {
    if (vault == null) {
      vault = Vault.create(vertx, database, agents, config.security());
    }
    return vault;
  }

  @Override
  public void close() {
    database.close();
    try {
      vertx.close().await(10, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      // the command's work is done and committed; a stuck close must not hold the operator's shell
    }
  }
}
