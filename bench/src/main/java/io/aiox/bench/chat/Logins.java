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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * Logs many clients in, a batch at a time (each login costs ejabberd a password hash; a thousand at once would
 * only queue), spread round robin over all of Vert.x's event loops: a connection's handlers run on the event loop
 * of the context it was made from, and a plain thread always gets the same one.
 */
final class Logins {
  static final int BATCH = 50;
  private static final long BATCH_TIMEOUT_SECONDS = 60;

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
    List<ChatClient> clients = new ArrayList<>(count);
    for (int from = 0; from < count; from += BATCH) {
      List<Future<ChatClient>> batch = new ArrayList<>();
      for (int i = from; i < Math.min(count, from + BATCH); i++) {
        String name = user.apply(i);
        String res = resource.apply(i);
        Promise<ChatClient> in = Promise.promise();
        loops.get(i % loops.size()).runOnContext(v -> ChatClient.login(vertx, net, xmpp.host(), xmpp.port(),
            xmpp.domain(), name, BenchUsers.password(name), res).onComplete(in));
        batch.add(in.future());
      }
      try {
        clients.addAll(Future.all(batch).await(BATCH_TIMEOUT_SECONDS, TimeUnit.SECONDS).list());
      } catch (java.util.concurrent.TimeoutException e) {
        throw new IllegalStateException("logins " + from + ".." + (from + batch.size()) + " took over "
            + BATCH_TIMEOUT_SECONDS + " s", e);
      }
    }
    return clients;
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
