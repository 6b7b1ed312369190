package io.aiox.web.auth;

import io.aiox.web.http.ProblemException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.URI;

/**
 * Asks ejabberd itself ({@code check_password} of its HTTP admin API, loopback only), so the console never holds
 * or copies a password hash. ejabberd answers 200 with {@code 0} for the right password and {@code 1} otherwise.
 */
public final class EjabberdPasswords implements Passwords {
  private final WebClient client;
  private final URI api;

  public EjabberdPasswords(Vertx vertx, URI adminApi) {
    this.client = WebClient.create(vertx, new WebClientOptions().setConnectTimeout(5_000).setIdleTimeout(30));
    this.api = adminApi;
  }

  @Override
  public Future<Boolean> check(String localpart, String domain, String password) {
    return client.postAbs(api + "/check_password").timeout(10_000)
        .sendJsonObject(new JsonObject().put("user", localpart).put("host", domain).put("password", password))
        .recover(e -> Future.failedFuture(ProblemException.unavailable("the XMPP server cannot check passwords now: "
            + e.getMessage())))
        .compose(response -> {
          String body = response.bodyAsString() == null ? "" : response.bodyAsString().strip();
          if (response.statusCode() == 200 && (body.equals("0") || body.equals("1"))) {
            return Future.succeededFuture(body.equals("0"));
          }
          return Future.failedFuture(ProblemException.unavailable("the XMPP server did not check the password (HTTP "
              + response.statusCode() + ")"));
        });
  }
}
