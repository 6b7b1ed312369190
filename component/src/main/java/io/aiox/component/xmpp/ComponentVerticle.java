package io.aiox.component.xmpp;

import io.aiox.component.hub.XmppConfig;
import io.aiox.component.xmpp.chat.ChatHandler;
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
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.Duration;
import java.util.List;
import java.util.logging.Logger;
import org.xmpp.packet.Packet;

/**
 * The XEP-0114 component for the agents domain. {@code start()} completes once the first handshake succeeded, so an
 * unreachable server or a wrong secret fails the deployment. Afterwards a lost connection is retried with
 * exponential backoff (250 ms doubling to 30 s), except after a refused handshake, which only the operator can fix.
 * The verticle keeps no per-agent state: several hubs may connect for the same domain.
 */
public final class ComponentVerticle extends VerticleBase {
  private static final Logger LOG = Logger.getLogger(ComponentVerticle.class.getName());
  private static final long MIN_BACKOFF_MS = 250;
  private static final long MAX_BACKOFF_MS = 30_000;
  private static final long KEEPALIVE_MS = 30_000;

  private final XmppConfig config;
  private final StreamLimits limits;
  private final Database database;
  private StanzaRouter router;
  private volatile ComponentStream stream;
  private volatile boolean stopping;
  private long backoffMs = MIN_BACKOFF_MS;

  public ComponentVerticle(XmppConfig config, StreamLimits limits, Database database) {
    this.config = config;
    this.limits = limits;
    this.database = database;
  }

  @Override
  public Future<?> start() {
    AgentRepository agents = new AgentRepository(database.ownerScope(), config.componentDomain());
    AgentDirectory directory = new AgentDirectory(agents, new UserRepository(database.ownerScope()), 100_000, 5_000);
    ChatHandler chat = new ChatHandler(vertx.eventBus(), this::send, Duration.ofSeconds(120));
    router = new StanzaRouter(config.componentDomain(), directory, List.of(new DiscoInfoHandler(),
        new DiscoItemsHandler(agents), new PingHandler(), new VersionHandler()), chat, this::send);
    vertx.setPeriodic(KEEPALIVE_MS, id -> {
      ComponentStream s = stream;
      if (s != null && s.isOpen()) {
        s.keepalive();
      }
    });
    return connect().recover(e -> Future.failedFuture(new IllegalStateException("the XMPP server at " + config.host()
        + ":" + config.componentPort() + " did not accept the component " + config.componentDomain() + ": "
        + e.getMessage(), e)));
  }

  /** Whether the component currently holds an authenticated stream. */
  public boolean connected() {
    ComponentStream s = stream;
    return s != null && s.isOpen();
  }

  private Future<ComponentStream> connect() {
    return ComponentStream.connect(vertx, config.host(), config.componentPort(), config.componentDomain(),
        config.componentSecret(), limits, router::route, v -> onClosed()).onSuccess(s -> {
          stream = s;
          backoffMs = MIN_BACKOFF_MS;
          LOG.info(() -> "component " + config.componentDomain() + " connected to " + config.host() + ":"
              + config.componentPort());
        });
  }

  private void onClosed() {
    stream = null;
    if (stopping) {
      return;
    }
    long delay = backoffMs;
    backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF_MS);
    LOG.warning(() -> "component stream lost; reconnecting in " + delay + " ms");
    vertx.setTimer(delay, id -> connect().onFailure(e -> {
      if (e instanceof HandshakeRefused) {
        LOG.severe(e.getMessage() + "; not retrying");
      } else if (stream == null && !stopping) {
        onClosed();
      }
    }));
  }

  private void send(Packet packet) {
    ComponentStream s = stream;
    if (s != null) {
      s.send(packet.toXML());
    } else {
      LOG.warning(() -> "no component stream; dropped a reply to " + packet.getTo());
    }
  }

  @Override
  public Future<?> stop() {
    stopping = true;
    ComponentStream s = stream;
    return s == null ? Future.succeededFuture() : s.close();
  }
}
