package io.aiox.component.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** The hub file's {@code tools} section (docs/operations.md, email_sender and database_query). */
class HubConfigToolsTest {
  private static JsonObject base() {
    return new JsonObject().put("xmpp", new JsonObject().put("domain", "hub.test").put("componentSecret", "s"))
        .put("inference", new JsonObject().put("serve_turns", false).put("default_model", "m").put("models",
            new JsonObject().put("m", new JsonObject().put("provider", "openai").put("base_url",
                "http://127.0.0.1:9/v1").put("model", "m"))));
  }

  @Test
  void reads_the_tools_section_and_leaves_unconfigured_tools_unconfigured() {
    assertThat(HubConfig.fromJson(base()).tools().emailSender().configured()).isFalse();
    HubConfig config = HubConfig.fromJson(base().put("tools", new JsonObject()
        .put("email_sender", new JsonObject().put("host", "smtp.example.com").put("from", "agents@example.com"))
        .put("database_query", new JsonObject().put("max_rows", 500))));
    assertThat(config.tools().emailSender().host()).isEqualTo("smtp.example.com");
    assertThat(config.tools().databaseQuery().maxRows()).isEqualTo(500);
  }

  @Test
  void names_an_unknown_tool_key() {
    assertThatThrownBy(() -> HubConfig.fromJson(base().put("tools", new JsonObject().put("database_query",
        new JsonObject().put("rows", 5))))).hasMessageContaining("tools.database_query.rows");
  }
}
