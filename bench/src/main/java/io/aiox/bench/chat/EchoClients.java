package io.aiox.bench.chat;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;

/**
 * The second baseline: logged-in clients that send every message they receive back to its sender (id and body
 * unchanged). A round trip then crosses ejabberd twice like one through a component, but no component is involved.
 */
final class EchoClients {
  private EchoClients() {}

  /**
   * Logs in {@code count} echoing peers ({@link BenchUsers#echo}); blocks until all are in. The returned client
   * holds their connections: keep it referenced while they should stay, close it to end them.
   */
  static NetClient login(Vertx vertx, Endpoint xmpp, int count) {
    NetClient net = Logins.netClient(vertx);
    Logins.all(vertx, net, xmpp, count, BenchUsers::echo, i -> BenchUsers.ECHO_RESOURCE)
        .forEach(EchoClients::echoing);
    return net;
  }

  private static void echoing(ChatClient client) {
    client.onMessage(m -> {
      String body = Stanza.body(m);
      if (body == null || "error".equals(Stanza.attribute(m, "type"))) {
        return;
      }
      String id = Stanza.attribute(m, "id");
      client.send("<message to='" + Stanza.attribute(m, "from") + "' type='chat'"
          + (id == null ? "" : " id='" + id + "'") + "><body>" + body + "</body></message>");
    });
  }
}
