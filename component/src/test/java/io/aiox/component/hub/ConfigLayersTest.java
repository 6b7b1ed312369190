package io.aiox.component.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operator's var/hub.json laid over what ./aiox up generates (docs/operations.md, "Configuration files"). */
class ConfigLayersTest {
  @TempDir
  Path dir;

  /** What up writes to hub.generated.json, trimmed to what the tests need. */
  private static JsonObject generated() {
    return new JsonObject()
        .put("xmpp", new JsonObject().put("domain", "hub.test").put("componentSecret", "s3cret")
            .put("componentPort", 5347))
        .put("database", new JsonObject().put("port", 55432).put("password", "pw"))
        .put("redis", new JsonObject().put("uri", "redis://127.0.0.1:56379"))
        .put("inference", new JsonObject().put("models", new JsonObject()
            .put("gemma3-demo", new JsonObject().put("path", "/var/models/demo.gguf").put("demo", true))));
  }

  private static JsonObject starter() {
    return new JsonObject().put("inference", new JsonObject().put("default_model", "gemma3-demo")
        .put("queue_limit", 8));
  }

  private static JsonObject ollama() {
    return new JsonObject().put("provider", "openai").put("base_url", "http://127.0.0.1:9/v1").put("model", "x");
  }

  private Path write(String name, JsonObject json) throws IOException {
    return Files.writeString(dir.resolve(name), json.encodePrettily());
  }

  private Path operatorWithModelAndDeniedDomain() throws IOException {
    write("hub.generated.json", generated());
    JsonObject operator = starter();
    operator.getJsonObject("inference").put("models", new JsonObject().put("ollama", ollama()));
    return write("hub.json", operator.put("federation",
        new JsonObject().put("deny_domains", new JsonArray().add("evil.example"))));
  }

  @Test
  void the_operators_models_and_denied_domains_apply_beside_the_generated_settings() throws IOException {
    HubConfig config = HubConfig.load(operatorWithModelAndDeniedDomain());

    assertThat(config.models().names()).containsExactly("gemma3-demo", "ollama");
    assertThat(config.models().defaultModel()).isEqualTo("gemma3-demo");
    assertThat(config.federation().denyDomains()).containsExactly("evil.example");
    assertThat(config.xmpp().componentSecret()).as("generated").isEqualTo("s3cret");
    assertThat(config.redisUri()).isEqualTo("redis://127.0.0.1:56379");
  }

  @Test
  void start_up_names_in_one_line_the_file_each_setting_came_from() throws IOException {
    ConfigLayers files = ConfigLayers.read(operatorWithModelAndDeniedDomain());

    assertThat(files.provenance()).isEqualTo("config: xmpp, database, redis, inference.models.gemma3-demo from "
        + dir.resolve("hub.generated.json") + "; inference.models.ollama, inference.default_model,"
        + " inference.queue_limit, federation from " + dir.resolve("hub.json"));
  }

  @Test
  void every_key_the_operator_sets_wins_and_null_removes_a_generated_one() throws IOException {
    write("hub.generated.json", generated());
    JsonObject operator = new JsonObject()
        .put("redis", new JsonObject().put("uri", "redis://10.0.0.1:6379"))
        .put("inference", new JsonObject().put("default_model", "ollama").put("models", new JsonObject()
            .putNull("gemma3-demo").put("ollama", ollama())));
    ConfigLayers files = ConfigLayers.read(write("hub.json", operator));
    HubConfig config = HubConfig.load(files);

    assertThat(config.redisUri()).isEqualTo("redis://10.0.0.1:6379");
    assertThat(config.models().names()).containsExactly("ollama");
    assertThat(files.provenance()).endsWith("; redis, inference from " + dir.resolve("hub.json"));
  }

  @Test
  void a_full_file_written_by_an_older_up_keeps_working_and_overrides_with_equal_values() throws IOException {
    write("hub.generated.json", generated());
    ConfigLayers files = ConfigLayers.read(write("hub.json", generated().mergeIn(starter(), true)));

    assertThat(files.merged()).isEqualTo(generated().mergeIn(starter(), true));
    assertThat(files.provenance()).isEqualTo("config: xmpp, database, redis, inference from " + dir.resolve("hub.json"));
  }

  @Test
  void a_file_with_no_generated_file_beside_it_is_read_alone() throws IOException {
    ConfigLayers files = ConfigLayers.read(write("other.json", generated()));

    assertThat(files.layers()).hasSize(1);
    assertThat(files.provenance()).isEqualTo("config: xmpp, database, redis, inference from "
        + dir.resolve("other.json"));
    assertThat(ConfigLayers.generatedBeside(dir.resolve("hub.json"))).isEqualTo(dir.resolve("hub.generated.json"));
  }

  @Test
  void an_unknown_key_in_the_operators_file_fails_naming_the_key_and_the_files() throws IOException {
    write("hub.generated.json", generated());
    Path operator = write("hub.json", starter().put("federation", new JsonObject().put("deny_domain",
        new JsonArray().add("evil.example"))));

    assertThatThrownBy(() -> HubConfig.load(operator)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("configuration " + operator + " over " + dir.resolve("hub.generated.json")
            + ": unknown configuration key federation.deny_domain (known: deny_domains)");
  }

  @Test
  void a_file_that_is_not_json_fails_in_one_line_naming_it() throws IOException {
    write("hub.generated.json", generated());
    Path operator = Files.writeString(dir.resolve("hub.json"), "{\n  \"inference\": {\n    \"queue_limit\": 8,\n}\n");

    assertThatThrownBy(() -> HubConfig.load(operator)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("configuration " + operator + " is not a valid JSON object: ")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }
}
