package io.aiox.bench.chat;

import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.VertxOptions;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;

/**
 * Logs many clients in: one connection opened at a time, the logins themselves overlapping, spread round robin
 * over all of Vert.x's event loops (a connection's handlers run on the event loop of the context it was made from,
 * and a plain thread always gets the same one).
 */
final class Logins {
  /**
   * Connections being opened at once. Measured here (300 logins): one at a time 3.0 s, two 4.8 s, eight 13.3 s
   * with the CPU mostly idle: connects that overlap stall, as if the SYNs beyond ejabberd's short accept queue were
   * dropped and retransmitted a second later. The logins themselves still overlap.
   */
  private static final int CONNECTING = 1;
  private static final long TIMEOUT_SECONDS = 120;

  private Logins() {}

  /**
   * A client for the connections. Whoever uses it must keep a reference for as long as they are open: Vert.x 5
   * shuts a {@link NetClient} that is no longer reachable down, with every connection it made, after a GC.
   */
  static NetClient netClient(Vertx vertx) {
    return vertx.createNetClient(new NetClientOptions().setTcpNoDelay(true).setConnectTimeout(10_000));
  }

  static List<ChatClient> all(Vertx vertx, NetClient net, Endpoint xmpp, int count, IntFunction<String> user,
                              IntFunction<String> resource) {
    if (Vertx.currentContext() != null) {
      throw new IllegalStateException("log clients in from a plain thread, not an event loop");
    }
    List<Context> loops = eventLoops(vertx);
    Deque<Future<ChatClient>> connecting = new ArrayDeque<>();
    List<Future<ChatClient>> loggedIn = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      if (connecting.size() == CONNECTING) {
        await(connecting.poll(), "a connection to " + xmpp.host() + ":" + xmpp.port());
      }
      String name = user.apply(i);
      String res = resource.apply(i);
      Promise<ChatClient> connected = Promise.promise();
      loops.get(i % loops.size()).runOnContext(v -> ChatClient.connect(vertx, net, xmpp, name,
          BenchUsers.password(name), res).onComplete(connected));
      connecting.add(connected.future());
      loggedIn.add(connected.future().compose(ChatClient::ready));
    }
    return await(Future.all(loggedIn), count + " logins").list();
  }

  private static <T> T await(Future<T> future, String what) {
    try {
      return future.await(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new IllegalStateException(what + " took over " + TIMEOUT_SECONDS + " s", e);
    }
  }

  /** One context on each event loop: a verticle deployed once per event loop records the context it got. */
  private static List<Context> eventLoops(Vertx vertx) {
    List<Context> contexts = new CopyOnWriteArrayList<>();
    vertx.deployVerticle(() -> new VerticleBase() {
      @Override
      public Future<?> start() {
        contexts.add(context);
        return Future.succeededFuture();
      }
    }, new DeploymentOptions().setInstances(VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE)).await();
    return contexts;
  }
}
