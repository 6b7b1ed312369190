package io.aiox.component.xmpp.relay;

import io.aiox.worker.turn.TurnMessage;
import io.aiox.worker.turn.TurnWire;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryContext;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.List;
import java.util.logging.Logger;

/**
 * Carries the event-bus messages that must reach whichever hub instance waits for them — an agent's answer to
 * another agent's question, an owner's decision on a tool call, "stop" — to every instance of the agents domain.
 * ejabberd gives each stanza to a random component connection of the domain, so the answer to a question one
 * instance asked may arrive at another.
 *
 * <p>Code keeps publishing and sending on its own event bus. An outbound interceptor copies each message whose
 * address starts with one of the relayed prefixes (and whose body is a JSON object, or a turn record in its binary
 * form, {@link TurnWire}) to the domain's Redis channel;
 * every other instance delivers what it hears on its own bus, the same way (publish or send). A message delivered
 * from the channel carries a header, so it is never relayed again. Delivery is at most once: a message published
 * while an instance's subscription is being re-established is lost to that instance, as it would be to a
 * disconnected instance; the waits these messages end all have timeouts.
 */
public final class InstanceRelay {
  private static final Logger LOG = Logger.getLogger(InstanceRelay.class.getName());
  /** Header of a message delivered from the channel: the instance that sent it. */
  static final String ORIGIN = "aiox-relay-origin";
  private static final long RESUBSCRIBE_MS = 1_000;

  private final Vertx vertx;
  private final Redis redis;
  private final String channel;
  private final String instanceId;
  private final List<String> prefixes;
  private final Handler<DeliveryContext<Object>> interceptor = this::intercept;
  private volatile RedisConnection subscription;
  private volatile boolean closed;

  private InstanceRelay(Vertx vertx, Redis redis, String domain, String instanceId, List<String> prefixes) {
    this.vertx = vertx;
    this.redis = redis;
    this.channel = "aiox:relay:" + domain;
    this.instanceId = instanceId;
    this.prefixes = List.copyOf(prefixes);
  }

  /** Subscribes to the domain's channel and starts copying messages to it; completes once subscribed. */
  public static Future<InstanceRelay> start(Vertx vertx, Redis redis, String domain, String instanceId,
                                            List<String> prefixes) {
    InstanceRelay relay = new InstanceRelay(vertx, redis, domain, instanceId, prefixes);
    return relay.subscribe().map(v -> {
      vertx.eventBus().addOutboundInterceptor(relay.interceptor);
      return relay;
    });
  }

  private Future<Void> subscribe() {
    return redis.connect().compose(conn -> {
      conn.handler(this::onPush);
      conn.exceptionHandler(e -> resubscribe(conn, e.getMessage()));
      conn.endHandler(v -> resubscribe(conn, "connection closed"));
      return conn.send(Request.cmd(Command.SUBSCRIBE).arg(channel)).map(r -> {
        subscription = conn;
        return null;
      });
    });
  }

  private void resubscribe(RedisConnection lost, String why) {
    if (closed || subscription != lost) {
      return;
    }
    subscription = null;
    LOG.warning(() -> "relay subscription to " + channel + " lost (" + why + "); subscribing again");
    vertx.setTimer(RESUBSCRIBE_MS, id -> {
      if (!closed) {
        subscribe().onFailure(e -> {
          LOG.warning(() -> "relay subscription to " + channel + " failed: " + e.getMessage());
          resubscribe(null, e.getMessage());
        });
      }
    });
  }

  private void intercept(DeliveryContext<Object> ctx) {
    String address = ctx.message().address();
    // every message on the bus passes here: the cheap address test first, the headers (made on demand) last
    Object body = ctx.body();
    if (relayed(address) && (body instanceof JsonObject || body instanceof TurnMessage)
        && ctx.message().headers().get(ORIGIN) == null) {
      JsonObject envelope = new JsonObject().put("o", instanceId).put("a", address).put("p", !ctx.send());
      if (body instanceof TurnMessage m) {
        envelope.put("w", TurnWire.encode(m).getBytes());
      } else {
        envelope.put("b", body);
      }
      redis.send(Request.cmd(Command.PUBLISH).arg(channel).arg(envelope.encode()))
          .onFailure(e -> LOG.warning(() -> "could not relay " + address + " to other instances: " + e.getMessage()));
    }
    ctx.next();
  }

  private boolean relayed(String address) {
    for (String prefix : prefixes) {
      if (address.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  private void onPush(Response push) {
    // A subscribed connection hears ["message", channel, payload]; the SUBSCRIBE confirmation is ["subscribe", ...].
    if (push.size() != 3 || !"message".equals(push.get(0).toString())) {
      return;
    }
    JsonObject envelope;
    try {
      envelope = new JsonObject(push.get(2).toString());
    } catch (RuntimeException e) {
      LOG.warning(() -> "ignored an unreadable message on " + channel);
      return;
    }
    String address = envelope.getString("a");
    if (instanceId.equals(envelope.getString("o")) || address == null || !relayed(address)) {
      return; // our own copy (delivered locally already), or not ours to deliver
    }
    DeliveryOptions options = new DeliveryOptions().addHeader(ORIGIN, envelope.getString("o", ""));
    Object body;
    try {
      body = envelope.containsKey("w") ? TurnWire.decode(Buffer.buffer(envelope.getBinary("w")))
          : envelope.getJsonObject("b", new JsonObject());
    } catch (RuntimeException e) {
      LOG.warning(() -> "ignored an unreadable message for " + address + " on " + channel + ": " + e.getMessage());
      return;
    }
    if (envelope.getBoolean("p", true)) {
      vertx.eventBus().publish(address, body, options);
    } else {
      vertx.eventBus().send(address, body, options);
    }
  }

  /** Stops relaying and ends the subscription. */
  public Future<Void> close() {
    closed = true;
    vertx.eventBus().removeOutboundInterceptor(interceptor);
    RedisConnection conn = subscription;
    subscription = null;
    return conn == null ? Future.succeededFuture() : conn.close();
  }
}
