package io.aiox.component.xmpp;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * ejabberd's HTTP admin API ({@code mod_http_api}, loopback only): one command, its named arguments as JSON. Blocking;
 * callers on an event loop run it as blocking work.
 */
public final class AdminApi {
  private final URI api;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  public AdminApi(URI api) {
    this.api = api;
  }

  /**
   * Runs {@code command}; returns the server's answer. A refusal (an HTTP status other than 200, or the result code
   * 1 of a command that answers with one) fails with the server's own words.
   */
  public String call(String command, JsonObject arguments) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(api + "/" + command)).timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(arguments.encode())).build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200 || response.body().strip().equals("1")) {
        throw new IllegalStateException("the XMPP server refused " + command + ": " + response.body());
      }
      return response.body();
    } catch (IOException e) {
      throw new IllegalStateException("the XMPP server's admin API at " + api + " is unreachable: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
