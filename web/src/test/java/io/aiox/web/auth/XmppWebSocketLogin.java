package io.aiox.web.auth;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Test client: opens an XMPP stream over WebSocket (RFC 7395 framing, sub-protocol {@code xmpp}) and tries SASL
 * PLAIN, the way the browser chat logs in with a token the hub minted. Answers what the server said: "success" or
 * the failure element.
 */
final class XmppWebSocketLogin {
  private XmppWebSocketLogin() {}

  static String login(Vertx vertx, String websocketUrl, String domain, String localpart, String password)
      throws Exception {
    URI uri = URI.create(websocketUrl);
    WebSocketClient client = vertx.createWebSocketClient();
    CompletableFuture<String> outcome = new CompletableFuture<>();
    StringBuilder seen = new StringBuilder();
    try {
      var ws = client.connect(new WebSocketConnectOptions().setHost(uri.getHost()).setPort(uri.getPort())
          .setURI(uri.getPath()).addSubProtocol("xmpp")).await();
      ws.textMessageHandler(frame -> {
        seen.append(frame);
        if (frame.contains("<mechanisms")) {
          String plain = Base64.getEncoder().encodeToString(("\0" + localpart + "\0" + password)
              .getBytes(StandardCharsets.UTF_8));
          ws.writeTextMessage("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>" + plain + "</auth>");
        } else if (frame.startsWith("<success")) {
          outcome.complete("success");
        } else if (frame.startsWith("<failure")) {
          outcome.complete(frame);
        }
      });
      ws.closeHandler(v -> outcome.complete("closed: " + seen));
      ws.writeTextMessage("<open xmlns='urn:ietf:params:xml:ns:xmpp-framing' to='" + domain + "' version='1.0'/>");
      String result = outcome.get(Duration.ofSeconds(15).toSeconds(), TimeUnit.SECONDS);
      ws.close();
      return result;
    } finally {
      client.close();
    }
  }
}
