package io.aiox.component.xmpp;

import io.aiox.component.agents.AgentEvents;
import io.aiox.component.agents.OwnerAgents;
import io.aiox.component.console.ConsoleApprovals;
import io.aiox.component.console.ConsoleReplies;
import io.aiox.component.console.ConsoleTurns;
import io.aiox.component.hub.AgentsConfig;
import io.aiox.component.hub.XmppConfig;
import io.aiox.component.xmpp.approval.ApprovalHandler;
import io.aiox.component.cluster.HandedOverAnswers;
import io.aiox.component.cluster.LoneInstances;
import io.aiox.component.cluster.TurnWatch;
import io.aiox.component.cluster.WorkerChoice;
import io.aiox.component.xmpp.a2a.AgentToAgent;
import io.aiox.component.xmpp.chat.ChatHandler;
import io.aiox.component.xmpp.chat.ProgressiveAnswers;
import io.aiox.component.xmpp.presence.PresenceHandler;
import io.aiox.component.xmpp.xep0045.GroupChats;
import io.aiox.component.xmpp.xep0045.Occupants;
import io.aiox.component.xmpp.xep0050.AdHocCommands;
import io.aiox.component.xmpp.xep0050.ServiceCommands;
import io.aiox.policy.crypto.Vault;
import io.aiox.schema.tool.AgentToolRepository;
import io.aiox.component.xmpp.xep0054.VCardHandler;
import io.aiox.policy.access.AccessRule;
import io.aiox.policy.access.FederationConfig;
import io.aiox.policy.quota.QuotaDefaults;
import io.aiox.policy.quota.Quotas;
import io.aiox.policy.tool.approval.PendingApprovals;
import io.aiox.schema.audit.AuditLog;
import io.aiox.schema.execution.ExecutionRepository;
import io.aiox.schema.id.AgentJid;
import io.aiox.schema.presence.SubscriberRepository;
import io.aiox.schema.room.RoomRepository;
import io.aiox.schema.presence.SubscriberRepository.Subscription;
import io.aiox.schema.quota.QuotaRepository;
import io.aiox.worker.context.Conversations;
import io.aiox.worker.memory.MemoryClient;
import io.aiox.worker.memory.TrustedUploads;
import io.aiox.worker.model.ModelRegistry;
import io.aiox.worker.telemetry.Metrics;
import io.aiox.worker.telemetry.Tracing;
import io.vertx.core.Promise;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import java.util.UUID;
import java.util.ArrayList;
import java.util.Optional;
import org.dom4j.Element;
import org.xmpp.packet.JID;
import org.xmpp.packet.Presence;
import io.aiox.component.xmpp.routing.AgentDirectory;
import io.aiox.component.xmpp.routing.StanzaRouter;
import io.aiox.component.xmpp.stream.ComponentStream;
import io.aiox.component.xmpp.stream.HandshakeRefused;
import io.aiox.component.xmpp.stream.StreamLimits;
import io.aiox.component.xmpp.xep0030.DiscoInfoHandler;
import io.aiox.component.xmpp.xep0030.DiscoItemsHandler;
import io.aiox.component.xmpp.xep0092.VersionHandler;
import io.aiox.component.xmpp.xep0199.PingHandler;
import io.aiox.schema.Database;
import io.aiox.schema.agent.AgentRepository;
import io.aiox.schema.user.UserRepository;
import io.aiox.component.xmpp.xep0308.CorrectionSupport;
import io.aiox.component.xmpp.xep0363.FilesToMemory;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.Duration;
import java.util.List;
import java.util.logging.Logger;
import org.xmpp.packet.Packet;

/**
 * The XEP-0114 component for the agents domain, with one connection ({@link ComponentLink}) to each server node
 * configured ({@code xmpp.servers}: the nodes of an ejabberd cluster). {@code start()} completes once every first
 * attempt settled and at least one handshake succeeded, so no reachable server or a wrong secret fails the
 * deployment; a node down at start is retried like a lost connection, each link on its own. Stanzas for the agents
 * arrive on whichever link the server routes them to; replies leave on a link that is up, the same one for a
 * recipient while the set of links up stays the same, so one recipient's stanzas keep their order.
 * The verticle keeps no per-agent state: several hubs may connect for the same domain.
 */
public final class ComponentVerticle extends VerticleBase {
  private static final Logger LOG = Logger.getLogger(ComponentVerticle.class.getName());
  private static final long KEEPALIVE_MS = 30_000;
  private static final int ANNOUNCE_PAGE = 1_000;
  private static final long UNAVAILABLE_TIMEOUT_MS = 5_000;
  /** How long a stopping node of a cluster lets the messages it took reach a worker before its stores close. */
  private static final long DRAIN_MS = 1_000;
  private static final int PIPELINED_REQUESTS = 32_768;
  /** How long a client may take to say whether it takes XEP-0308 corrections (rfc section 6.2). */
  private static final Duration CORRECTIONS_ASKED_WAIT = Duration.ofSeconds(2);
  /** How long a client's answer to that is kept, per full JID. */
  private static final Duration CORRECTIONS_KNOWN_FOR = Duration.ofMinutes(10);

  private final XmppConfig config;
  private final StreamLimits limits;
  private final Database database;
  private final Redis redis;
  private final ModelRegistry models;
  private final QuotaDefaults quotaDefaults;
  private final FederationConfig federation;
  private final String instanceId = UUID.randomUUID().toString();
  private TurnWatch turnWatch;
  /** Answers of other component nodes' turns that they can no longer send, on a clustered bus. */
  private HandedOverAnswers handedOver;
  private StanzaRouter router;
  private AgentDirectory directory;
  private SubscriberRepository subscribers;
  private GroupChats groupChats;
  private List<ComponentLink> links = List.of();
  private final ArrivalLinks arrivals = new ArrivalLinks();
  private Metrics metrics = Metrics.NONE;
  /** Null until started. */
  private Quotas quotas;
  /** Options of the verticle's own Redis client for the quota path (null: it uses the shared one). */
  private RedisOptions localRedis;
  /** The verticle's own Redis client, made in {@link #start()}; null when none. */
  private Redis ownRedis;
  private Tracing tracing = Tracing.NONE;
  /** Seals the system prompts of agents created or configured by ad-hoc command; null: this hub has no master key. */
  private Vault vault;
  private AgentsConfig agentsConfig = AgentsConfig.DEFAULTS;
  /** Told of agents created or deleted by ad-hoc command: the hub puts them in their users' rosters. */
  private AgentEvents agentEvents = AgentEvents.NONE;
  private TrustedUploads uploads = TrustedUploads.NONE;
  /** Replies to the console's requests, which go to the request instead of the XMPP server. */
  private final ConsoleReplies consoleReplies = new ConsoleReplies();
  /** Null until started. */
  private ConsoleTurns consoleTurns;
  /** Null until started. */
  private ConsoleApprovals consoleApprovals;

  public ComponentVerticle(XmppConfig config, StreamLimits limits, Database database, Redis redis,
                           ModelRegistry models, QuotaDefaults quotaDefaults) {
    this(config, limits, database, redis, models, quotaDefaults, FederationConfig.DEFAULTS);
  }

  /** With the hub's {@code federation} rules (hub-wide deny list for remote servers). */
  public ComponentVerticle(XmppConfig config, StreamLimits limits, Database database, Redis redis,
                           ModelRegistry models, QuotaDefaults quotaDefaults, FederationConfig federation) {
    this.config = config;
    this.limits = limits;
    this.database = database;
    this.redis = redis;
    this.models = models;
    this.quotaDefaults = quotaDefaults;
    this.federation = federation;
  }

  /** The hub's own upload services: a bare link to a file there is a file sent (rfc section 6.3); before start. */
  public ComponentVerticle withUploads(TrustedUploads uploads) {
    this.uploads = uploads;
    return this;
  }

  /** Where turns, tokens and refusals are counted (the hub's metrics); before deployment. */
  public ComponentVerticle withMetrics(Metrics metrics) {
    this.metrics = metrics;
    return this;
  }

  /** Where a turn's spans go (the hub's tracing); before deployment. */
  public ComponentVerticle withTracing(Tracing tracing) {
    this.tracing = tracing;
    return this;
  }

  /**
   * The self-service rules ({@code agents} section) and the vault that seals system prompts given by ad-hoc
   * command (null: no master key, and such prompts are refused); before deployment.
   */
  public ComponentVerticle withSelfService(AgentsConfig agents, Vault vault) {
    this.agentsConfig = agents;
    this.vault = vault;
    return this;
  }

  /** Who hears of agents created or deleted by ad-hoc command (the owners' rosters); before deployment. */
  public ComponentVerticle withAgentEvents(AgentEvents events) {
    this.agentEvents = events;
    return this;
  }

  /**
   * Gives the quota checks a Redis connection of their own ({@link PipelinedRedis}): every turn's two scripts are
   * pipelined on it instead of each taking a pooled connection for its round trip, and since it is made on this
   * verticle's event loop, neither a request nor its reply crosses threads. Before deployment.
   */
  public ComponentVerticle withLocalRedis(RedisOptions options) {
    this.localRedis = options;
    return this;
  }

  @Override
  public Future<?> start() {
    AgentRepository agents = new AgentRepository(database.ownerScope(), config.componentDomain());
    directory = new AgentDirectory(agents, new UserRepository(database.ownerScope()), 100_000,
        AgentDirectory.TTL_MILLIS);
    subscribers = new SubscriberRepository(database.ownerScope());
    AuditLog audit = new AuditLog(database.ownerScope());
    if (localRedis != null) {
      // about two requests per turn in flight: far more may wait on the one connection than the pool's default
      ownRedis = new PipelinedRedis(Redis.createClient(vertx, new RedisOptions(localRedis)
          .setMaxWaitingHandlers(PIPELINED_REQUESTS)));
    }
    quotas = new Quotas(vertx, ownRedis != null ? ownRedis : redis, new QuotaRepository(database.ownerScope()),
        quotaDefaults);
    AgentToAgent a2a = new AgentToAgent(vertx, this::send);
    a2a.start();
    new io.aiox.component.xmpp.chat.ToolStatus(vertx.eventBus(), this::send).start();
    ChatHandler chat = new ChatHandler(vertx.eventBus(), this::send, models.turnDeadline(), quotas, audit,
        config.domain(), a2a, new ExecutionRepository(database.ownerScope())).withMetrics(metrics)
        .withTracing(tracing).withFiles(new FilesToMemory(new MemoryClient(vertx.eventBus()), uploads, this::send))
        .withTurnWatch(turnWatch = TurnWatch.start(vertx))
        .withWorkers(WorkerChoice.start(vertx, models.defaultModel()));
    handedOver = new HandedOverAnswers(vertx, quotas, this::send).start();
    OwnerAgents ownerAgents = new OwnerAgents(agents, new AgentToolRepository(database.ownerScope()), models,
        () -> Optional.ofNullable(vault)).withEvents(agentEvents);
    CorrectionSupport corrections = new CorrectionSupport(vertx, this::send, CORRECTIONS_ASKED_WAIT,
        CORRECTIONS_KNOWN_FOR, 100_000);
    if (config.progressive().enabled()) {
      ProgressiveAnswers progressive = new ProgressiveAnswers(vertx, this::send, config.progressive(), corrections,
          instanceId);
      progressive.start();
      chat.withProgressive(progressive);
    }
    AdHocCommands commands = new AdHocCommands(new Conversations(redis), quotas, agents, directory, models,
        new MemoryClient(vertx.eventBus()), new ServiceCommands(ownerAgents, directory, agentsConfig.maxPerUser()));
    AccessRule accessRule = new AccessRule(config.domain(), federation);
    groupChats = new GroupChats(new RoomRepository(database.ownerScope()), new Occupants(100_000), directory,
        accessRule, chat, audit, this::send);
    ApprovalHandler approvals = new ApprovalHandler(vertx.eventBus(), new PendingApprovals(redis), this::send);
    router = new StanzaRouter(config.componentDomain(), directory, List.of(new DiscoInfoHandler(),
        new DiscoItemsHandler(agents), new PingHandler(), new VersionHandler(), new VCardHandler(), commands), chat,
        new PresenceHandler(subscribers, this::send), audit, this::send, approvals,
        accessRule).withMetrics(metrics).withIqAnswers(corrections::answered).withGroupChats(groupChats);
    consoleTurns = new ConsoleTurns(vertx, config.componentDomain(), agents, consoleReplies,
        stanza -> context.runOnContext(v -> router.route(stanza)), models.turnDeadline());
    consoleApprovals = new ConsoleApprovals(vertx.eventBus(), new PendingApprovals(redis), agents, audit);
    ComponentLink.Wiring wiring = new ComponentLink.Wiring(config.domain(), config.componentDomain(),
        config.componentSecret(), limits, this::onStanza, this::onLinkUp);
    List<ComponentLink> made = new ArrayList<>();
    for (int i = 0; i < config.servers().size(); i++) {
      made.add(new ComponentLink(vertx, config.servers().get(i), i, wiring));
    }
    links = List.copyOf(made);
    // Several instances of the domain reach each other only over a clustered bus: one that is not says so.
    LoneInstances lone = vertx.isClustered() ? null
        : new LoneInstances(redis, liveKey(), instanceId, config.componentDomain(), 3 * KEEPALIVE_MS);
    vertx.setPeriodic(KEEPALIVE_MS, id -> {
      if (connected()) {
        heartbeat();
      }
      links.forEach(ComponentLink::keepalive);
      if (lone != null) {
        lone.check();
      }
    });
    Future<?> checked = lone == null ? Future.succeededFuture() : lone.check();
    return approvals.listen().compose(v -> checked).compose(v -> connectAll());
  }

  /** The console's turns (the OpenAI-compatible endpoint), entered as chat messages here; after start. */
  public ConsoleTurns consoleTurns() {
    return consoleTurns;
  }

  /** The console's approvals inbox; after start. */
  public ConsoleApprovals consoleApprovals() {
    return consoleApprovals;
  }

  /**
   * First connection of every link, in parallel. Succeeds when at least one link is up and no server refused the
   * handshake; the links that failed then keep retrying in the background.
   */
  private Future<Void> connectAll() {
    List<Future<ComponentStream>> attempts = links.stream().map(ComponentLink::connect).toList();
    return Future.join(attempts).transform(done -> {
      List<String> failures = new ArrayList<>();
      for (int i = 0; i < links.size(); i++) {
        Throwable failure = attempts.get(i).cause();
        if (failure != null) {
          failures.add(links.get(i).server() + ": " + failure.getMessage());
        }
      }
      boolean refused = attempts.stream().anyMatch(a -> a.cause() instanceof HandshakeRefused);
      if (refused || failures.size() == links.size()) {
        links.forEach(ComponentLink::close);
        return Future.failedFuture(new IllegalStateException("the XMPP server" + (links.size() > 1 ? "s" : "")
            + " did not accept the component " + config.componentDomain() + ": " + String.join("; ", failures),
            attempts.stream().map(Future::cause).filter(c -> c != null).findFirst().orElse(null)));
      }
      for (int i = 0; i < links.size(); i++) {
        if (attempts.get(i).failed()) {
          ComponentLink link = links.get(i);
          LOG.warning(() -> "component " + config.componentDomain() + " could not connect to " + link.server()
              + " yet; retrying");
          link.retryAfter(attempts.get(i).cause());
        }
      }
      return Future.succeededFuture();
    });
  }

  /** Whether the component currently holds an authenticated stream to at least one server. */
  public boolean connected() {
    return links.stream().anyMatch(ComponentLink::isOpen);
  }

  /** The servers whose link is down right now (for readiness: named in its message). */
  public List<String> disconnected() {
    return links.stream().filter(l -> !l.isOpen()).map(l -> l.server().toString()).toList();
  }

  private void onStanza(ComponentLink link, Element element) {
    if (ComponentLink.pingAnswer(element, links)) {
      return;
    }
    if (links.size() > 1) {
      arrivals.arrived(element.attributeValue("from"), link);
    }
    router.route(element);
  }

  /**
   * A link came up. When it is the only one, the agents were unreachable until now: their subscribers hear them
   * available again and the group chat rooms are rejoined. A second link to another node of the same cluster
   * changes nothing the users see.
   */
  private void onLinkUp(ComponentLink link) {
    heartbeat();
    if (links.stream().filter(ComponentLink::isOpen).count() > 1) {
      return;
    }
    announce(true).onComplete(r -> LOG.info(() -> r.succeeded()
        ? "announced availability to " + r.result() + " presence subscribers"
        : "could not announce availability: " + r.cause()));
    groupChats.rejoin(config.componentDomain()).onComplete(r -> LOG.info(() -> r.succeeded()
        ? "rejoined " + r.result() + " group chat rooms" : "could not rejoin group chat rooms: " + r.cause()));
  }

  /**
   * Available (with capabilities) or unavailable presence from every live agent to each of its subscribers, read
   * in pages so a large hub never holds the list at once. Completes with the number of presences sent.
   */
  private Future<Integer> announce(boolean available) {
    return announcePage(available, null, 0);
  }

  private Future<Integer> announcePage(boolean available, Subscription after, int sent) {
    return subscribers.page(config.componentDomain(), after, ANNOUNCE_PAGE).compose(page -> {
      if (page.isEmpty()) {
        return Future.succeededFuture(sent);
      }
      List<Future<Void>> pending = new ArrayList<>(page.size());
      for (Subscription sub : page) {
        JID from = new JID(sub.agentJid());
        JID to = new JID(sub.subscriber());
        if (!available) {
          send(PresenceHandler.typed(Presence.Type.unavailable, from, to));
          continue;
        }
        Optional<AgentJid> jid = AgentJid.parse(sub.agentJid());
        if (jid.isPresent()) {
          pending.add(directory.agent(jid.get()).map(agent -> {
            agent.filter(a -> !a.deleted()).ifPresent(a -> send(PresenceHandler.available(a, from, to)));
            return null;
          }));
        }
      }
      Subscription last = page.get(page.size() - 1);
      int total = sent + page.size();
      return Future.all(pending).compose(v -> page.size() < ANNOUNCE_PAGE ? Future.succeededFuture(total)
          : announcePage(available, last, total));
    });
  }

  /**
   * Sends a stanza on the component's stream (for the hub's own notices, such as the console's usage alerts); a
   * stanza sent while the stream is down is dropped and logged.
   */
  public void sendStanza(Packet packet) {
    send(packet);
  }

  /**
   * Sends on a link that is up: the one the recipient's last stanza arrived on ({@link ArrivalLinks}), else the one
   * its bare JID picks, else the next one up; a recipient's stanzas go out in order on one link while the links
   * stay as they are. A reply to one of the console's requests goes to the request instead.
   */
  private void send(Packet packet) {
    if (consoleReplies.took(packet)) {
      return;
    }
    List<ComponentLink> all = links;
    JID to = packet.getTo();
    String xml = packet.toXML();
    if (all.size() > 1 && to != null) {
      ComponentLink back = arrivals.of(to.toString());
      if (back != null && back.send(xml)) {
        return;
      }
    }
    int first = all.size() == 1 || to == null ? 0 : Math.floorMod(to.toBareJID().hashCode(), all.size());
    for (int i = 0; i < all.size(); i++) {
      if (all.get((first + i) % all.size()).send(xml)) {
        return;
      }
    }
    LOG.warning(() -> "no component stream; dropped a reply to " + packet.getTo());
  }

  @Override
  public Future<?> stop() {
    if (turnWatch != null) {
      // From here answers to this node's turns go out through the other component nodes (docs/scaling.md).
      handedOver.stop();
      turnWatch.drain();
      turnWatch.stop();
    }
    // settled turns still gathering reach the day's totals before the pool closes
    Future<Void> flushed = quotas == null ? Future.succeededFuture() : quotas.flush().otherwiseEmpty();
    if (!connected()) {
      links.forEach(ComponentLink::close);
      return flushed.eventually(this::closeOwnRedis);
    }
    // Subscribers hear the agents leave unless another instance still serves the domain. A slow database or
    // Redis must not hold the shutdown, so this is bounded.
    Promise<Void> announced = Promise.promise();
    long timer = vertx.setTimer(UNAVAILABLE_TIMEOUT_MS, id -> announced.tryComplete());
    othersLive().compose(others -> {
      if (others > 0) {
        LOG.info(() -> others + " other component instance(s) still serve " + config.componentDomain()
            + "; agents stay available");
        return Future.succeededFuture(0);
      }
      return announce(false);
    }).onComplete(r -> {
      vertx.cancelTimer(timer);
      announced.tryComplete();
    });
    Future<Void> closed = announced.future().compose(v -> Future.join(links.stream().map(ComponentLink::close)
        .toList()).<Void>mapEmpty()).compose(v -> drained());
    return Future.join(closed, flushed).eventually(this::closeOwnRedis);
  }

  /**
   * With the streams closed, messages this node already took are still being admitted (quota) and sent to a worker;
   * on a clustered bus they get a moment for that before the stores close, and their answers are handed over.
   */
  private Future<Void> drained() {
    if (!vertx.isClustered()) {
      return Future.succeededFuture();
    }
    Promise<Void> waited = Promise.promise();
    vertx.setTimer(DRAIN_MS, id -> waited.complete());
    return waited.future();
  }

  private Future<Void> closeOwnRedis() {
    return ownRedis == null ? Future.succeededFuture() : ownRedis.close();
  }

  private String liveKey() {
    return "aiox:component:" + config.componentDomain() + ":live";
  }

  /** Records this instance as serving the domain (a sorted set scored by the last heartbeat). */
  private void heartbeat() {
    redis.send(Request.cmd(Command.ZADD).arg(liveKey()).arg(System.currentTimeMillis()).arg(instanceId))
        .onFailure(e -> LOG.fine(() -> "heartbeat not recorded: " + e));
  }

  /** Removes this instance and counts the others seen within three keepalive periods. */
  private Future<Integer> othersLive() {
    long since = System.currentTimeMillis() - 3 * KEEPALIVE_MS;
    return redis.send(Request.cmd(Command.ZREM).arg(liveKey()).arg(instanceId))
        .compose(r -> redis.send(Request.cmd(Command.ZCOUNT).arg(liveKey()).arg(since).arg("+inf")))
        .map(r -> r.toInteger())
        .recover(e -> Future.succeededFuture(0));
  }
}
