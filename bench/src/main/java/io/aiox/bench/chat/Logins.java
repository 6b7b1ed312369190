package io.aiox.bench.chat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * Logs many clients in, a batch at a time (each login costs ejabberd a password hash; a thousand at once would
 * only queue). Called from a plain thread, so every connection gets an event loop of its own in turn and the
 * clients spread over all of them.
 */
final class Logins {
  static final int BATCH = 50;
  private static final long BATCH_TIMEOUT_SECONDS = 60;

  private Logins() {}

  static List<ChatClient> all(Vertx vertx, Endpoint xmpp, int count, IntFunction<String> user,
                              IntFunction<String> resource) {
    if (Vertx.currentContext() != null) {
      throw new IllegalStateException("log clients in from a plain thread, not an event loop");
    }
    NetClient net = vertx.createNetClient(new NetClientOptions().setTcpNoDelay(true).setConnectTimeout(10_000));
    List<ChatClient> clients = new ArrayList<>(count);
    for (int from = 0; from < count; from += BATCH) {
      List<Future<ChatClient>> batch = new ArrayList<>();
      for (int i = from; i < Math.min(count, from + BATCH); i++) {
        String name = user.apply(i);
        batch.add(ChatClient.login(vertx, net, xmpp.host(), xmpp.port(), xmpp.domain(), name,
            BenchUsers.password(name), resource.apply(i)));
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
}
