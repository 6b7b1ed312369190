package io.aiox.component.hub;

import io.aiox.schema.DatabaseConfig;
import io.aiox.schema.TestDatabase;
import io.aiox.testkit.EjabberdServer;
import io.aiox.testkit.TestServers;
import io.aiox.policy.crypto.MasterKey;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Test fixture: a hub configuration pointing at the test JVM's servers, with a fresh database. */
public final class TestHubConfig {
  private TestHubConfig() {}

  public static JsonObject json(TestServers servers) {
    return json(servers, servers.ejabberd());
  }

  /** The same, for another ejabberd (a federated hub's) than the test JVM's shared one. */
  public static JsonObject json(TestServers servers, EjabberdServer ejabberd) {
    DatabaseConfig db = TestDatabase.configFor(servers.postgres(), servers.postgres().newDatabase());
    return new JsonObject()
        .put("xmpp", new JsonObject().put("domain", ejabberd.domain()).put("componentPort", ejabberd.componentPort())
            .put("componentSecret", ejabberd.componentSecret()).put("adminApi", ejabberd.apiUrl()))
        .put("database", new JsonObject().put("host", db.host()).put("port", db.port()).put("database", db.database())
            .put("user", db.user()).put("password", db.password()).put("adminUser", db.adminUser())
            .put("adminPassword", db.adminPassword()))
        .put("redis", new JsonObject().put("uri", servers.redis().uri()))
        // Any free port: several test hubs may run in one JVM, and the operator's default port may be taken.
        .put("observability", new JsonObject().put("port", 0))
        .put("web", new JsonObject().put("port", 0)
            .put("xmpp_jwt_key_file", ejabberd.xmppJwtKeyFile().toString()))
        // Component tests answer turns with an echo fixture, so this hub runs no inference verticle.
        .put("inference", new JsonObject().put("serve_turns", false).put("default_model", "fixture-small")
            .put("models", new JsonObject()
            // Named fixtures: two remote models on a closed loopback port, enough for the registry's names.
            .put("fixture-small", remote("small")).put("fixture-large", remote("large"))));
  }

  /**
   * Seals at rest as {@code ./aiox up}'s hubs do: a fresh master key in a temporary file, named in {@code config}'s
   * {@code security} section. Returns the file, for the test to delete.
   */
  public static Path sealed(JsonObject config) throws IOException {
    Path key = Files.createTempFile("aiox-master", ".key");
    Files.writeString(key, MasterKey.generate().hex());
    config.put("security", new JsonObject().put("master_key_file", key.toString()));
    return key;
  }

  private static JsonObject remote(String model) {
    return new JsonObject().put("provider", "openai").put("base_url", "http://127.0.0.1:9/v1").put("model", model);
  }
}
