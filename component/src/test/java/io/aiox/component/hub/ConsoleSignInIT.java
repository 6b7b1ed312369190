package io.aiox.component.hub;

import static org.assertj.core.api.Assertions.assertThat;

import io.aiox.component.cli.CliRun;
import io.aiox.testkit.RealServers;
import io.aiox.testkit.TestServers;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The hub's console sign-in as deployed: roles set by the operator's commands, keys sealed by the hub's vault. */
@ExtendWith(RealServers.class)
class ConsoleSignInIT {
  @Test
  void every_console_route_is_in_the_openapi_document_and_in_docs_console_md(TestServers servers) throws Exception {
    try (Hub hub = Hub.start(HubConfig.fromJson(TestHubConfig.json(servers)))) {
      assertThat(hub.console().routes()).as("the groups mount their routes").contains("POST /api/auth/login",
          "GET /api/agents/{id}", "POST /v1/chat/completions", "POST /api/approvals/{id}", "GET /api/usage");
      assertThat(hub.console().undocumented()).as("routes missing from /api/openapi.json").isEmpty();
      String docs = Files.readString(io.aiox.testkit.ProjectRoot.get().resolve("docs/console.md"));
      assertThat(hub.console().routes()).as("routes missing from docs/console.md")
          .allSatisfy(route -> assertThat(docs).contains(route.substring(route.indexOf(' ') + 1)));
    }
  }

  @Test
  void an_operator_made_admin_signs_in_to_the_hubs_console_and_the_signing_key_is_sealed(TestServers servers,
      @TempDir Path tmp) throws Exception {
    Path masterKey = Files.writeString(tmp.resolve("master.key"), HexFormat.of().formatHex(new byte[32]).replace('0',
        '7') + "\n");
    JsonObject config = TestHubConfig.json(servers)
        .put("security", new JsonObject().put("master_key_file", masterKey.toString()));
    Path file = Files.writeString(tmp.resolve("hub.json"), config.encode());
    Vertx vertx = Vertx.vertx();
    try (Hub hub = Hub.start(HubConfig.fromJson(config))) {
      WebClient http = WebClient.create(vertx);
      CliRun added = CliRun.of("user", "add", "ada", "--admin", "--json", "--config", file.toString());
      assertThat(added.code()).as(added.err()).isZero();
      String password = new JsonObject(added.out()).getString("password");

      HttpResponse<Buffer> login = http.post(hub.consolePort(), "127.0.0.1", "/api/auth/login")
          .sendJsonObject(new JsonObject().put("username", "ada").put("password", password)).await();
      assertThat(login.statusCode()).as(login.bodyAsString()).isEqualTo(200);
      assertThat(login.bodyAsJsonObject().getJsonObject("user").getString("role")).isEqualTo("admin");
      String cookie = login.cookies().getFirst().split(";")[0];

      assertThat(CliRun.of("user", "set", "ada", "--role", "user", "--config", file.toString()).code()).isZero();
      HttpResponse<Buffer> refreshed = http.post(hub.consolePort(), "127.0.0.1", "/api/auth/refresh")
          .putHeader("cookie", cookie).putHeader("x-aiox-csrf", "1").send().await();
      assertThat(refreshed.bodyAsJsonObject().getJsonObject("user").getString("role")).isEqualTo("user");

      JsonObject xmpp = http.post(hub.consolePort(), "127.0.0.1", "/api/auth/xmpp").putHeader("authorization",
          "Bearer " + refreshed.bodyAsJsonObject().getString("access_token")).send().await().bodyAsJsonObject();
      assertThat(xmpp.getString("jid")).isEqualTo("ada@" + servers.ejabberd().domain());
      assertThat(xmpp.getString("token")).isNotBlank();

      try (Connection c = servers.postgres().adminConnection(config.getJsonObject("database").getString("database"));
           ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FILTER (WHERE sealed_by IS NULL),"
               + " count(*) FROM console_signing_keys")) {
        rs.next();
        assertThat(rs.getInt(1)).isZero();
        assertThat(rs.getInt(2)).isPositive();
      }
    } finally {
      vertx.close().await();
    }
  }
}
