package io.aiox.component.xmpp;

import io.aiox.component.cluster.LoneInstances;
import io.aiox.component.console.ConsoleApprovals;
import io.aiox.component.console.ConsoleReplies;
import io.aiox.component.console.ConsoleTurns;
import io.aiox.component.hub.XmppConfig;
import io.aiox.component.xmpp.presence.PresenceHandler;
import io.aiox.component.xmpp.stream.ComponentStream;
import io.aiox.component.xmpp.stream.HandshakeRefused;
import io.aiox.schema.id.AgentJid;
import io.aiox.schema.presence.SubscriberRepository.Subscription;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.redis.client.Redis;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;
import org.dom4j.Element;
import org.xmpp.packet.JID;
import org.xmpp.packet.Packet;
import org.xmpp.packet.Presence;

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

  private final ComponentSetup setup;
  private final XmppConfig config;
  private final String instanceId = UUID.randomUUID().toString();
  /** The stanza handlers; null until started. */
  private ComponentWiring wiring;
  private List<ComponentLink> links = List.of();
  private final ArrivalLinks arrivals = new ArrivalLinks();
  /** The instances serving this domain; null until started. */
  private ComponentInstances instances;
  /** Replies to the console's requests, which go to the request instead of the XMPP server. */
  private final ConsoleReplies consoleReplies = new ConsoleReplies();

  public ComponentVerticle(ComponentSetup setup) {
    this.setup = setup;
    this.config = setup.config();
  }

  @Override
  public Future<?> start() {
    wiring = ComponentWiring.wire(vertx, context, setup, this::send, consoleReplies, instanceId);
    ComponentLink.Wiring linked = new ComponentLink.Wiring(config.domain(), config.componentDomain(),
        config.componentSecret(), setup.limits(), this::onStanza, this::onLinkUp);
    List<ComponentLink> made = new ArrayList<>();
    for (int i = 0; i < config.servers().size(); i++) {
      made.add(new ComponentLink(vertx, config.servers().get(i), i, linked));
    }
    links = List.copyOf(made);
    instances = new ComponentInstances(setup.redis(), config.componentDomain(), instanceId, 3 * KEEPALIVE_MS);
    // Several instances of the domain reach each other only over a clustered bus: one that is not says so.
    LoneInstances lone = vertx.isClustered() ? null : instances.lone();
    vertx.setPeriodic(KEEPALIVE_MS, id -> {
      if (connected()) {
        instances.heartbeat();
      }
      links.forEach(ComponentLink::keepalive);
      if (lone != null) {
        lone.check();
      }
    });
    Future<?> checked = lone == null ? Future.succeededFuture() : lone.check();
    return wiring.approvals().listen().compose(v -> checked).compose(v -> connectAll());
  }

  /** The console's turns (the OpenAI-compatible endpoint), entered as chat messages here; after start. */
  public ConsoleTurns consoleTurns() {
    return wiring.consoleTurns();
  }

  /** The console's approvals inbox; after start. */
  public ConsoleApprovals consoleApprovals() {
    return wiring.consoleApprovals();
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
    wiring.router().route(element);
  }

  /**
   * A link came up. When it is the only one, the agents were unreachable until now: their subscribers hear them
   * available again and the group chat rooms are rejoined. A second link to another node of the same cluster
   * changes nothing the users see.
   */
  private void onLinkUp(ComponentLink link) {
    instances.heartbeat();
    if (links.stream().filter(ComponentLink::isOpen).count() > 1) {
      return;
    }
    announce(true).onComplete(r -> LOG.info(() -> r.succeeded()
        ? "announced availability to " + r.result() + " presence subscribers"
        : "could not announce availability: " + r.cause()));
    wiring.groupChats().rejoin(config.componentDomain()).onComplete(r -> LOG.info(() -> r.succeeded()
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
    return wiring.subscribers().page(config.componentDomain(), after, ANNOUNCE_PAGE).compose(page -> {
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
          pending.add(wiring.directory().agent(jid.get()).map(agent -> {
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
    if (wiring == null) {
      return Future.succeededFuture();
    }
    // From here answers to this node's turns go out through the other component nodes (docs/scaling.md).
    wiring.handedOver().stop();
    wiring.turnWatch().drain();
    wiring.turnWatch().stop();
    // settled turns still gathering reach the day's totals before the pool closes
    Future<Void> flushed = wiring.quotas().flush().otherwiseEmpty();
    if (!connected()) {
      links.forEach(ComponentLink::close);
      return flushed.eventually(this::closeOwnRedis);
    }
    // Subscribers hear the agents leave unless another instance still serves the domain. A slow database or
    // Redis must not hold the shutdown, so this is bounded.
    Promise<Void> announced = Promise.promise();
    long timer = vertx.setTimer(UNAVAILABLE_TIMEOUT_MS, id -> announced.tryComplete());
    instances.othersLive().compose(others -> {
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
    return wiring.ownRedis().map(Redis::close).orElse(Future.succeededFuture());
  }
}
