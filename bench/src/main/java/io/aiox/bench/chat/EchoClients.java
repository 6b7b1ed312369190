package io.aiox.bench.chat;

import io.vertx.core.Vertx;
import java.util.List;

/**
 * The second baseline: logged-in clients that send every message they receive back to its sender (id and body
 * unchanged). A round trip then crosses ejabberd twice like one through a component, but no component is involved.
 */
final class EchoClients {
  private EchoClients() {}

  /** Logs in {@code count} echoing peers ({@link BenchUsers#echo}); blocks until all are in. */
  static List<ChatClient> login(Vertx vertx, Endpoint xmpp, int count) {
    List<ChatClient> clients = Logins.all(vertx, xmpp, count, BenchUsers::echo, i -> BenchUsers.ECHO_RESOURCE);
    clients.forEach(EchoClients::echoing);
    return clients;
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
