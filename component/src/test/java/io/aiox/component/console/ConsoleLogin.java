package io.aiox.component.console;

import io.aiox.component.hub.Hub;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * Test fixture: a person signs in to a test hub's console the way the front end does (their XMPP account's
 * password), and makes an API key for programs, through the hub's own routes.
 */
final class ConsoleLogin {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private ConsoleLogin() {}

  /** The access token for {@code username}; fails the test when sign-in refuses. */
  static String accessToken(Hub hub, String username, String password) throws Exception {
    JsonObject body = post(hub, "/api/auth/login", null,
        new JsonObject().put("username", username).put("password", password));
    return body.getString("access_token");
  }

  /** A new API key of the signed-in person. */
  static String apiKey(Hub hub, String accessToken, String name) throws Exception {
    return post(hub, "/api/keys", accessToken, new JsonObject().put("name", name)).getString("key");
  }

  private static JsonObject post(Hub hub, String path, String bearer, JsonObject json) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.consolePort() + path))
        .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json.encode()));
    if (bearer != null) {
      b.header("authorization", "Bearer " + bearer);
    }
    HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() / 100 != 2) {
      throw new AssertionError(path + " answered " + r.statusCode() + ": " + r.body());
    }
    return new JsonObject(r.body());
  }
}
