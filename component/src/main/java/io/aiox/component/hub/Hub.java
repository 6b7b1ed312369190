package io.aiox.component.hub;

import io.aiox.component.observability.Observability;
import io.aiox.component.observability.ObservabilityServer;
import io.aiox.component.observability.StoreGauges;
import io.aiox.component.xmpp.ComponentVerticle;
import io.aiox.component.xmpp.stream.StreamLimits;
import io.aiox.schema.Database;
import io.aiox.schema.migration.Migrator;
import io.aiox.worker.inference.InferenceSetup;
import io.aiox.worker.inference.InferenceVerticle;
import io.aiox.worker.tool.ToolRegistry;
import io.aiox.worker.tool.mcp.McpServers;
import io.aiox.policy.tool.net.HostResolver;
import io.aiox.policy.crypto.Vault;
import io.aiox.schema.agent.AgentRepository;
import io.aiox.schema.execution.ExecutionRepository;
import io.aiox.worker.turn.StaleTurns;
import io.aiox.component.console.ConsoleGroups;
import io.aiox.component.console.UsageConsole;
import io.aiox.web.ConsoleConfig;
import io.aiox.web.admin.UserRoles;
import io.aiox.web.approvals.ApprovalRoutes;
import io.aiox.web.auth.Authenticator;
import io.aiox.web.auth.ConsoleAuth;
import io.aiox.web.auth.StoredRoles;
import io.aiox.web.openai.OpenAiRoutes;
import io.aiox.web.http.ConsoleRoutes;
import io.aiox.web.http.ConsoleServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;

/**
 * One hub process. Start-up order: schema (migrations, then the hub role's pool, then the executions a stopped hub
 * left running are settled), Redis, the XMPP component; each
 * step that fails
 * stops start-up with a message naming the server. Governance fails closed, so a hub that cannot reach its
 * stores does not start at all. Last, when the {@code observability} section enables it, the metrics and health
 * listener; every Vert.x, JVM and {@code aiox_*} meter lands in one registry; then the console,
 * when {@code web.enabled}.
 */
public final class Hub implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(Hub.class.getName());

  /** How long each step of {@link #close()} may take before the hub goes on without it. */
  private static final long CLOSE_STEP_SECONDS = 10;

  private final Vertx vertx;
  private final Database database;
  private final Redis redis;
  /** Deployment ids, in the order they were deployed; closing undeploys them in reverse. */
  private final List<String> deployments;
  private final Observability observability;
  /** Null when the observability listener is disabled. */
  private final StoreGauges stores;
  private final ObservabilityServer server;
  /** Null when the configuration disabled the console. */
  private final ConsoleServer console;

  private Hub(Vertx vertx, Database database, Redis redis, List<String> deployments, Observability observability,
              StoreGauges stores, ObservabilityServer server, ConsoleServer console) {
    this.vertx = vertx;
    this.database = database;
    this.redis = redis;
    this.deployments = deployments;
    this.observability = observability;
    this.stores = stores;
    this.server = server;
    this.console = console;
  }

  public static Hub start(HubConfig config) {
    return start(config, null, null);
  }

  /**
   * The same, with a stand-in for the console's sign-in, for tests of the other route groups: {@code auth} in front
   * of the signed-in routes and {@code roles} keeping each user's role. The sign-in routes are served either way;
   * null for both is the hub's own sign-in ({@link #start(HubConfig)}).
   */
  public static Hub start(HubConfig config, Authenticator auth, UserRoles roles) {
    int applied = Migrator.migrate(config.database());
    LOG.info(() -> "schema ready on " + config.database().describe() + " (" + applied + " migrations applied now)");
    Observability observability = Observability.create(config.observability().tracing());
    Vertx vertx = newVertx(config.cluster(), observability);
    StoreGauges stores = null;
    try {
      Database database = Database.connect(vertx, config.database()).await();
      // Before this hub takes turns: the turns a stopped hub left running end as failed (StaleTurns says when).
      new StaleTurns(new ExecutionRepository(database.ownerScope()), StaleTurns.staleAfter(config.models()))
          .sweepNowAndEvery(vertx).await();
      Redis redis = connectRedis(vertx, config.redisUri()).await();
      LOG.info(() -> "Redis ready at " + config.redisUri());
      List<String> deployments = new ArrayList<>();
      // Inference first: when the component connects, turns have somewhere to go.
      Vault vault = config.security().configured() ? Vault.create(vertx, database,
          new AgentRepository(database.ownerScope(), config.xmpp().componentDomain()), config.security()) : null;
      ClusterConfig.Role role = config.cluster().role();
      InferenceVerticle inference = role.worker() && config.models().serveTurns()
          ? deployInference(vertx, config, database, redis, observability, deployments, vault) : null;
      ComponentVerticle component = null;
      if (role.component()) {
        component = new ComponentVerticle(config.xmpp(), StreamLimits.DEFAULTS, database, redis,
            config.models(), config.quota(), config.federation()).withMetrics(observability.metrics())
            .withTracing(observability.tracing()).withLocalRedis(redisOptions(config.redisUri()))
            .withSelfService(config.agents(), vault).withAgentEvents(rosterEvents(vertx, config, database))
            .withUploads(config.tools().documentParser()::uploadEndpoint);
        deployments.add(vertx.deployVerticle(component).await());
      }
      ObservabilityServer server = null;
      if (config.observability().enabled()) {
        stores = StoreGauges.start(vertx, config.database(), observability.registry());
        server = new ObservabilityServer(config.observability(), observability.registry(),
            HubChecks.of(config, component, database, redis, inference), stores::refresh);
        deployments.add(vertx.deployVerticle(server).await());
      }
      ConsoleServer console = config.web().enabled() && role.component()
          ? deployConsole(vertx, config, deployments, new ConsoleParts(database, redis, vault, component, inference),
              auth, roles) : null;
      return new Hub(vertx, database, redis, deployments, observability, stores, server, console);
    } catch (RuntimeException e) {
      if (stores != null) {
        stores.close();
      }
      vertx.close();
      observability.close();
      throw e;
    }
  }

  private static InferenceVerticle deployInference(Vertx vertx, HubConfig config, Database database, Redis redis,
                                                   Observability observability, List<String> deployments,
                                                   Vault vault) {
    // The MCP servers before the turns that use their tools; a server that is down does not stop the hub.
    HostResolver resolver = HostResolver.system(vertx);
    McpServers mcp = new McpServers(config.tools().mcp(), resolver);
    deployments.add(vertx.deployVerticle(mcp).await());
    java.util.Optional<Vault> sealed = java.util.Optional.ofNullable(vault);
    InferenceVerticle inference = new InferenceVerticle(new InferenceSetup(database, redis, config.models(),
        config.xmpp().componentDomain(), sealed, config.memory(), config.tools().documentParser()::uploadEndpoint,
        observability.metrics(), observability.tracing(),
        java.util.Optional.of(ToolRegistry.builtin(vertx, resolver, config.tools(), sealed).with(mcp))));
    deployments.add(vertx.deployVerticle(inference).await());
    observability.watchModels(config.models(), name -> !inference.unavailable().containsKey(name));
    return inference;
  }

  /** A clustered Vert.x when {@code cluster.enabled} (joined to the listed members before anything deploys). */
  private static Vertx newVertx(ClusterConfig cluster, Observability observability) {
    if (!cluster.enabled()) {
      return observability.newVertx();
    }
    try {
      Vertx vertx = observability.newClusteredVertx(ClusterManagers.hazelcast(cluster), cluster.host(),
          cluster.busPort());
      LOG.info(() -> "joined the cluster " + cluster.name() + " at " + cluster.host() + ":" + cluster.port()
          + " as a " + cluster.role().name().toLowerCase(java.util.Locale.ROOT) + " node");
      return vertx;
    } catch (RuntimeException e) {
      observability.close();
      throw new IllegalStateException("could not join the cluster " + cluster.name() + " at " + cluster.host() + ":"
          + cluster.port() + " (members " + cluster.members() + "): " + e.getMessage(), e);
    }
  }

  /**
   * The console (docs/console.md): the same rules as XMPP, so it comes up after the component; each group of routes
   * gets what it needs from the stores and the component here.
   */
  private static ConsoleServer deployConsole(Vertx vertx, HubConfig config, List<String> deployments,
                                             ConsoleParts hub, Authenticator given, UserRoles givenRoles) {
    ConsoleConfig web = config.web().withDefaultWebsocket(websocketOf(config.xmpp().adminApi()));
    List<ConsoleRoutes> groups = new ArrayList<>();
    ConsoleAuth signIn = ConsoleAuth.create(vertx, web, hub.database(), hub.redis(),
        java.util.Optional.ofNullable(hub.vault()).map(Vault::hubSecrets), config.xmpp().adminApi(),
        config.xmpp().domain(), java.time.Clock.systemUTC());
    groups.add(signIn.routes());
    Authenticator auth = given != null ? given : signIn.authenticator();
    UserRoles roles = givenRoles != null ? givenRoles
        : new StoredRoles(new io.aiox.schema.user.UserRepository(hub.database().ownerScope()));
    ConsoleGroups owners = new ConsoleGroups(vertx, config, hub.database(), java.util.Optional.ofNullable(hub.vault()),
        rosterEvents(vertx, config, hub.database()), java.util.Optional.ofNullable(hub.inference())
        .map(i -> i::unavailable));
    groups.add(owners.agents(auth));
    groups.add(owners.admin(auth, roles));
    groups.addAll(UsageConsole.groups(vertx, config, hub.database(), hub.redis(), hub.component(), hub.inference(),
        owners.operator(), auth));
    groups.add(new OpenAiRoutes(auth, hub.component().consoleTurns()));
    groups.add(new ApprovalRoutes(auth, hub.component().consoleApprovals()));
    ConsoleServer console = new ConsoleServer(web, groups);
    deployments.add(vertx.deployVerticle(console).await());
    return console;
  }

  /** What the console's groups are built over; {@code vault} null without a master key, {@code inference} null
   * when this node serves no turns. */
  private record ConsoleParts(Database database, Redis redis, Vault vault, ComponentVerticle component,
                              InferenceVerticle inference) {}

  /** ejabberd serves XMPP over WebSocket at {@code /ws} on the same HTTP listener as its admin API. */
  static URI websocketOf(URI adminApi) {
    String scheme = "https".equalsIgnoreCase(adminApi.getScheme()) ? "wss" : "ws";
    return URI.create(scheme + "://" + adminApi.getRawAuthority() + "/ws");
  }

  /** Agents made or removed by ad-hoc command go into (and out of) their users' rosters through ejabberd's API. */
  private static io.aiox.component.agents.AgentEvents rosterEvents(Vertx vertx, HubConfig config, Database database) {
    return new io.aiox.component.xmpp.roster.RosterEvents(new io.aiox.component.xmpp.roster.AgentRosters(vertx,
        new io.aiox.component.xmpp.AdminApi(config.xmpp().adminApi()), config.xmpp().domain(),
        new io.aiox.schema.user.UserRepository(database.ownerScope()),
        new io.aiox.schema.presence.SubscriberRepository(database.ownerScope())));
  }

  private static RedisOptions redisOptions(String uri) {
    return new RedisOptions().setConnectionString(uri).setMaxPoolSize(16).setMaxPoolWaiting(4_096);
  }

  private static Future<Redis> connectRedis(Vertx vertx, String uri) {
    // Every turn touches Redis; the default wait queue (24) would refuse bursts that a pool of 16 drains quickly.
    Redis redis = Redis.createClient(vertx, redisOptions(uri));
    return redis.send(Request.cmd(Command.PING))
        .map(pong -> redis)
        .recover(e -> {
          redis.close();
          return Future.failedFuture(new IllegalStateException("Redis at " + uri + " is unreachable: " + e.getMessage(), e));
        });
  }

  public Vertx vertx() {
    return vertx;
  }

  public Database database() {
    return database;
  }

  /** The port of the metrics and health listener; fails when the configuration disabled it. */
  public int observabilityPort() {
    if (server == null) {
      throw new IllegalStateException("observability.enabled is false: this hub serves no metrics");
    }
    return server.port();
  }

  /** The console's listener, for tests (its routes); fails when the configuration disabled it. */
  public ConsoleServer console() {
    consolePort();
    return console;
  }

  /** The console's port; fails when the configuration disabled it. */
  public int consolePort() {
    if (console == null) {
      throw new IllegalStateException("web.enabled is false: this hub serves no console");
    }
    return console.port();
  }

  /**
   * Stops in the reverse order of start-up: the component first (its agents say goodbye while the stores are still
   * there), then inference, then the clients and Vert.x. Each step is bounded, so a server that stopped answering
   * cannot hold the process.
   */
  @Override
  public void close() {
    for (String id : deployments.reversed()) {
      bounded("undeploying " + id, vertx.undeploy(id));
    }
    if (stores != null) {
      stores.close();
    }
    bounded("closing Redis", redis.close());
    bounded("closing the database pool", database.pool().close());
    bounded("closing Vert.x", vertx.close());
    observability.close();
  }

  private static void bounded(String step, Future<?> future) {
    try {
      future.await(CLOSE_STEP_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      LOG.warning(() -> step + " took over " + CLOSE_STEP_SECONDS + " s; going on without it");
    } catch (RuntimeException e) {
      LOG.warning(() -> step + " failed: " + e);
    }
  }
}
