package io.aiox.component.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** The {@code tools} section of the hub's file: read into the tools' settings, bad keys named at start-up. */
class HubConfigToolsTest {
  private static JsonObject hub(JsonObject tools) {
    return new JsonObject().put("xmpp", new JsonObject().put("domain", "hub.test").put("componentSecret", "s"))
        .put("inference", new JsonObject().put("serve_turns", false)).put("tools", tools);
  }

  @Test
  void reads_the_search_endpoint_and_the_trusted_upload_service() {
    HubConfig config = HubConfig.fromJson(hub(new JsonObject()
        .put("search_api", new JsonObject().put("url", "http://127.0.0.1:8888").put("max_results", 5))
        .put("document_parser", new JsonObject().put("upload_services",
            new JsonArray().add("https://upload.hub.test:5443/upload/")))));
    assertThat(config.tools().searchApi().url()).hasValueSatisfying(u -> assertThat(u).hasPort(8888));
    assertThat(config.tools().searchApi().maxResults()).isEqualTo(5);
    assertThat(config.tools().documentParser().uploadServices()).hasSize(1);
  }

  @Test
  void without_the_section_search_is_unconfigured() {
    HubConfig config = HubConfig.fromJson(hub(new JsonObject()));
    assertThat(config.tools().searchApi().url()).isEmpty();
  }

  @Test
  void an_unknown_tool_or_key_fails_naming_it() {
    assertThatThrownBy(() -> HubConfig.fromJson(hub(new JsonObject().put("search_api", new JsonObject()
        .put("endpoint", "x"))))).hasMessageStartingWith("unknown configuration key tools.search_api.endpoint");
    assertThatThrownBy(() -> HubConfig.fromJson(hub(new JsonObject().put("web_browser", new JsonObject()))))
        .hasMessageStartingWith("unknown configuration key tools.web_browser");
  }
}
