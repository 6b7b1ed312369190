package io.aiox.worker.tool.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aiox.worker.tool.ToolsConfig;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SearchApiConfigTest {
  private static SearchApiConfig read(JsonObject json) {
    return SearchApiConfig.fromJson(json, Map.of("KEY", "k1")::get);
  }

  @Test
  void without_a_url_the_tool_is_unconfigured() {
    assertThat(read(new JsonObject()).url()).isEmpty();
  }

  @Test
  void builds_the_searxng_request_from_the_base_url() {
    SearchApiConfig config = read(new JsonObject().put("url", "https://search.example.test/searx/"));
    assertThat(config.searchUri("forklift & boots").toString())
        .isEqualTo("https://search.example.test/searx/search?q=forklift+%26+boots&format=json");
  }

  @Test
  void the_key_comes_from_the_environment_and_never_shows() {
    SearchApiConfig config = read(new JsonObject().put("url", "http://127.0.0.1:8888").put("api_key_env", "KEY"));
    assertThat(config.apiKey().orElseThrow().headerValue()).isEqualTo("Bearer k1");
    assertThat(config.toString()).doesNotContain("k1");
    assertThatThrownBy(() -> read(new JsonObject().put("url", "http://127.0.0.1").put("api_key_env", "NOPE")))
        .hasMessage("tools.search_api.api_key_env names the environment variable NOPE, which is not set");
  }

  @Test
  void refuses_bad_settings_naming_the_key() {
    assertThatThrownBy(() -> read(new JsonObject().put("urls", "x"))).hasMessageStartingWith(
        "unknown configuration key tools.search_api.urls");
    assertThatThrownBy(() -> read(new JsonObject().put("url", "ftp://x.example.test")))
        .hasMessageStartingWith("tools.search_api.url must be an http or https URL");
    assertThatThrownBy(() -> read(new JsonObject().put("url", "http://x.example.test").put("max_results", 50)))
        .hasMessage("tools.search_api.max_results must be a whole number 1..20, was 50");
    assertThatThrownBy(() -> read(new JsonObject().put("allowed_addresses", new io.vertx.core.json.JsonArray()
        .add("metadata")))).hasMessageStartingWith("tools.search_api.allowed_addresses");
    assertThatThrownBy(() -> ToolsConfig.fromJson(new JsonObject().put("search", new JsonObject()), k -> null))
        .hasMessageStartingWith("unknown configuration key tools.search");
  }
}
