package io.aiox.component.xmpp;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import io.vertx.core.json.JsonObject;

/** Creates XMPP accounts through ejabberd's HTTP admin API ({@code mod_http_api}, loopback only). */
public final class XmppAccounts {
  private final URI api;
  private final String domain;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  public XmppAccounts(URI api, String domain) {
    this.api = api;
    this.domain = domain;
  }

  /** Registers {@code user@domain}; fails with the server's own words when it refuses (taken name, bad name). */
  public String register(String user, String password) {
    JsonObject body = new JsonObject().put("user", user).put("host", domain).put("password", password);
    HttpRequest request = HttpRequest.newBuilder(URI.create(api + "/register")).timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.encode())).build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException("the XMPP server refused the account " + user + "@" + domain + ": "
            + response.body());
      }
      return user + "@" + domain;
    } catch (IOException e) {
      throw new IllegalStateException("the XMPP server's admin API at " + api + " is unreachable: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
