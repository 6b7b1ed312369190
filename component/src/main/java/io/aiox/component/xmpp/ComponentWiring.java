package io.aiox.component.xmpp;

import io.aiox.component.agents.OwnerAgents;
import io.aiox.component.cluster.HandedOverAnswers;
import io.aiox.component.cluster.TurnWatch;
import io.aiox.component.cluster.WorkerChoice;
import io.aiox.component.console.ConsoleApprovals;
import io.aiox.component.console.ConsoleReplies;
import io.aiox.component.console.ConsoleTurns;
import io.aiox.component.hub.XmppConfig;
import io.aiox.component.xmpp.a2a.AgentToAgent;
import io.aiox.component.xmpp.approval.ApprovalHandler;
import io.aiox.component.xmpp.chat.ChatHandler;
import io.aiox.component.xmpp.chat.ChatSetup;
import io.aiox.component.xmpp.chat.ProgressiveAnswers;
import io.aiox.component.xmpp.chat.ToolStatus;
import io.aiox.component.xmpp.presence.PresenceHandler;
import io.aiox.component.xmpp.routing.AgentDirectory;
import io.aiox.component.xmpp.routing.StanzaRouter;
import io.aiox.component.xmpp.xep0030.DiscoInfoHandler;
import io.aiox.component.xmpp.xep0030.DiscoItemsHandler;
import io.aiox.component.xmpp.xep0045.GroupChats;
import io.aiox.component.xmpp.xep0045.Occupants;
import io.aiox.component.xmpp.xep0050.AdHocCommands;
import io.aiox.component.xmpp.xep0050.ServiceCommands;
import io.aiox.component.xmpp.xep0054.VCardHandler;
import io.aiox.component.xmpp.xep0092.VersionHandler;
import io.aiox.component.xmpp.xep0199.PingHandler;
import io.aiox.component.xmpp.xep0308.CorrectionSupport;
import io.aiox.component.xmpp.xep0363.FilesToMemory;
import io.aiox.policy.access.AccessRule;
import io.aiox.policy.crypto.Vault;
import io.aiox.policy.quota.Quotas;
import io.aiox.policy.tool.approval.PendingApprovals;
import io.aiox.schema.agent.AgentRepository;
import io.aiox.schema.audit.AuditLog;
import io.aiox.schema.execution.ExecutionRepository;
import io.aiox.schema.presence.SubscriberRepository;
import io.aiox.schema.quota.QuotaRepository;
import io.aiox.schema.room.RoomRepository;
import io.aiox.schema.tool.AgentToolRepository;
import io.aiox.schema.user.UserRepository;
import io.aiox.worker.context.Conversations;
import io.aiox.worker.memory.MemoryClient;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.xmpp.packet.Packet;

/**
 * The stanza handlers of a {@link ComponentVerticle}, wired once at its start: the router and what it routes to
 * (chat, presence, group chats, approvals, the IQ handlers), with the stores and services they share, and the
 * console's entries into them. The verticle keeps what its lifecycle needs: the router for arriving stanzas, the
 * subscribers and directory to announce presence, the group chats to rejoin, the quotas to flush, the turn watch,
 * the hand-over of answers and its own Redis client to stop.
 *
 * @param ownRedis the quota checks' own Redis client ({@link ComponentSetup#localRedis()}), which the verticle closes
 */
record ComponentWiring(AgentDirectory directory, SubscriberRepository subscribers, Quotas quotas,
                       Optional<Redis> ownRedis, TurnWatch turnWatch, HandedOverAnswers handedOver,
                       GroupChats groupChats, StanzaRouter router,
                       ApprovalHandler approvals, ConsoleTurns consoleTurns, ConsoleApprovals consoleApprovals) {
  private static final int PIPELINED_REQUESTS = 32_768;
  /** How long a client may take to say whether it takes XEP-0308 corrections (rfc section 6.2). */
  private static final Duration CORRECTIONS_ASKED_WAIT = Duration.ofSeconds(2);
  /** How long a client's answer to that is kept, per full JID. */
  private static final Duration CORRECTIONS_KNOWN_FOR = Duration.ofMinutes(10);

  /**
   * Wires the handlers on {@code context} (the verticle's), each stanza they send going to {@code send}; the
   * console's requests get their replies through {@code consoleReplies}. {@code instanceId}: this instance, to
   * which the turns it sends stream their pieces.
   */
  static ComponentWiring wire(Vertx vertx, Context context, ComponentSetup setup, Consumer<Packet> send,
                              ConsoleReplies consoleReplies, String instanceId) {
    XmppConfig config = setup.config();
    AgentRepository agents = new AgentRepository(setup.database().ownerScope(), config.componentDomain());
    AgentDirectory directory = new AgentDirectory(agents, new UserRepository(setup.database().ownerScope()),
        100_000, AgentDirectory.TTL_MILLIS);
    SubscriberRepository subscribers = new SubscriberRepository(setup.database().ownerScope());
    AuditLog audit = new AuditLog(setup.database().ownerScope());
    // about two requests per turn in flight: far more may wait on the one connection than the pool's default
    Optional<Redis> ownRedis = setup.localRedis().map(options -> new PipelinedRedis(Redis.createClient(vertx,
        new RedisOptions(options).setMaxWaitingHandlers(PIPELINED_REQUESTS))));
    Quotas quotas = new Quotas(vertx, ownRedis.orElse(setup.redis()),
        new QuotaRepository(setup.database().ownerScope()), setup.quotaDefaults());
    AgentToAgent a2a = new AgentToAgent(vertx, send);
    a2a.start();
    new ToolStatus(vertx.eventBus(), send).start();
    CorrectionSupport corrections = new CorrectionSupport(vertx, send, CORRECTIONS_ASKED_WAIT,
        CORRECTIONS_KNOWN_FOR, 100_000);
    Optional<ProgressiveAnswers> progressive = Optional.empty();
    if (config.progressive().enabled()) {
      ProgressiveAnswers answers = new ProgressiveAnswers(vertx, send, config.progressive(), corrections,
          instanceId);
      answers.start();
      progressive = Optional.of(answers);
    }
    TurnWatch turnWatch = TurnWatch.start(vertx);
    ChatHandler chat = new ChatHandler(new ChatSetup(vertx.eventBus(), send, setup.models().turnDeadline(), quotas,
        audit, config.domain(), a2a, new ExecutionRepository(setup.database().ownerScope()), setup.metrics(),
        setup.tracing(), Optional.of(new FilesToMemory(new MemoryClient(vertx.eventBus()), setup.uploads(), send)),
        progressive, turnWatch, WorkerChoice.start(vertx, setup.models().defaultModel())));
    HandedOverAnswers handedOver = new HandedOverAnswers(vertx, quotas, send).start();
    Optional<Vault> vault = setup.vault();
    OwnerAgents ownerAgents = new OwnerAgents(agents, new AgentToolRepository(setup.database().ownerScope()),
        setup.models(), () -> vault).withEvents(setup.agentEvents());
    AdHocCommands commands = new AdHocCommands(new Conversations(setup.redis()), quotas, agents, directory,
        setup.models(), new MemoryClient(vertx.eventBus()),
        new ServiceCommands(ownerAgents, directory, setup.agents().maxPerUser()));
    AccessRule accessRule = new AccessRule(config.domain(), setup.federation());
    GroupChats groupChats = new GroupChats(new RoomRepository(setup.database().ownerScope()), new Occupants(100_000),
        directory, accessRule, chat, audit, send);
    ApprovalHandler approvals = new ApprovalHandler(vertx.eventBus(), new PendingApprovals(setup.redis()), send);
    StanzaRouter router = new StanzaRouter(config.componentDomain(), directory, List.of(new DiscoInfoHandler(),
        new DiscoItemsHandler(agents), new PingHandler(), new VersionHandler(), new VCardHandler(), commands), chat,
        new PresenceHandler(subscribers, send), audit, send, approvals, accessRule).withMetrics(setup.metrics())
        .withIqAnswers(corrections::answered).withGroupChats(groupChats);
    ConsoleTurns consoleTurns = new ConsoleTurns(vertx, config.componentDomain(), agents, consoleReplies,
        stanza -> context.runOnContext(v -> router.route(stanza)), setup.models().turnDeadline());
    ConsoleApprovals consoleApprovals = new ConsoleApprovals(vertx.eventBus(), new PendingApprovals(setup.redis()),
        agents, audit);
    return new ComponentWiring(directory, subscribers, quotas, ownRedis, turnWatch, handedOver, groupChats, router,
        approvals, consoleTurns, consoleApprovals);
  }
}
