package io.aiox.web.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.aiox.web.ConsoleConfig;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.core.buffer.Buffer;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ConsoleServerTest {
  private static Vertx vertx;
  private static WebClient client;
  private static int port;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    ConsoleConfig config = ConsoleConfig.fromJson(new JsonObject().put("port", 0).put("max_body_bytes", 2048)
        .put("websocket_url", "ws://127.0.0.1:5280/ws"));
    ConsoleRoutes echo = router -> router.post("/api/echo").handler(ctx -> ctx.json(ConsoleServer.jsonBody(ctx)));
    ConsoleServer server = new ConsoleServer(config, List.of(echo));
    vertx.deployVerticle(server).await();
    port = server.port();
    client = WebClient.create(vertx);
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
  }

  private HttpResponse<Buffer> send(HttpMethod method, String path, String body) {
    var request = client.request(method, port, "127.0.0.1", path);
    return (body == null ? request.send() : request.putHeader("content-type", "application/json")
        .sendBuffer(Buffer.buffer(body))).await();
  }

  @Test
  void unknown_api_route_is_a_problem_document() {
    HttpResponse<Buffer> r = send(HttpMethod.GET, "/api/nope", null);
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.getHeader("content-type")).isEqualTo(Problem.CONTENT_TYPE);
    assertThat(r.bodyAsJsonObject().getString("type")).isEqualTo("urn:aiox:problem:not-found");
    assertThat(r.getHeader("cache-control")).isEqualTo("no-store");
  }

  @Test
  void bad_json_is_a_bad_request_problem() {
    HttpResponse<Buffer> r = send(HttpMethod.POST, "/api/echo", "{not json");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.bodyAsJsonObject().getString("detail")).contains("JSON");
  }

  @Test
  void oversized_body_is_refused_with_a_problem() {
    HttpResponse<Buffer> r = send(HttpMethod.POST, "/api/echo", "{\"a\":\"" + "x".repeat(5000) + "\"}");
    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(r.getHeader("content-type")).isEqualTo(Problem.CONTENT_TYPE);
  }

  @Test
  void every_response_carries_a_strict_content_security_policy() {
    HttpResponse<Buffer> r = send(HttpMethod.GET, "/api/openapi.json", null);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.getHeader("content-security-policy")).contains("script-src 'self'")
        .contains("connect-src 'self' ws://127.0.0.1:5280").contains("frame-ancestors 'none'")
        .doesNotContain("unsafe-inline");
    assertThat(r.getHeader("x-content-type-options")).isEqualTo("nosniff");
    assertThat(r.bodyAsJsonObject().getString("openapi")).startsWith("3.1");
  }
}
