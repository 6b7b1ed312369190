package io.aiox.bench.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.aiox.component.hub.HubConfig;
import io.aiox.schema.DatabaseConfig;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class ChatStackTest {
  /** A benchmark run beside a running hub (./aiox up, on the default metrics port) must not fail to bind. */
  @Test
  void the_benchmark_hub_takes_any_free_metrics_port_on_loopback() {
    JsonObject config = ChatStack.hubConfig(new JsonObject().put("domain", "hub.test").put("componentPort", 5347)
            .put("componentSecret", "s").put("adminApi", "http://127.0.0.1:5280/api"),
        new DatabaseConfig("127.0.0.1", 5432, "db", "u", "p", "a", "ap", 2), "redis://127.0.0.1:6379");
    HubConfig hub = HubConfig.fromJson(config);
    assertThat(hub.observability().port()).isZero();
    assertThat(hub.observability().bind()).isEqualTo("127.0.0.1");
  }
}
