package io.aiox.worker.inference.remote;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.chat.request.json.JsonAnyOfSchema;
import dev.langchain4j.model.chat.request.json.JsonNullSchema;
import dev.langchain4j.model.chat.request.json.JsonNumberSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import io.aiox.policy.tool.ToolDefinition;
import io.aiox.policy.tool.ToolPolicy;
import io.aiox.policy.tool.ToolWorker;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class ToolSchemasTest {
  @Test
  void an_mcp_servers_any_of_and_null_reach_the_provider_as_such() {
    JsonObject schema = new JsonObject().put("type", "object").put("properties", new JsonObject()
        .put("limit", new JsonObject().put("anyOf", new JsonArray().add(new JsonObject().put("type", "number"))
            .add(new JsonObject().put("type", "null"))).put("description", "how many")));
    JsonObjectSchema parameters = ToolSchemas.specification(new ToolDefinition("mcp_x_list", "Lists.", schema,
        ToolWorker.IN_PROCESS, ToolPolicy.BASE)).parameters();
    assertThat(parameters.properties().get("limit")).isInstanceOfSatisfying(JsonAnyOfSchema.class, any -> {
      assertThat(any.description()).isEqualTo("how many");
      assertThat(any.anyOf()).hasSize(2);
      assertThat(any.anyOf().get(0)).isInstanceOf(JsonNumberSchema.class);
      assertThat(any.anyOf().get(1)).isInstanceOf(JsonNullSchema.class);
    });
  }

  @Test
  void a_property_without_a_type_is_a_string() {
    JsonObject schema = new JsonObject().put("type", "object").put("properties", new JsonObject()
        .put("q", new JsonObject()));
    assertThat(ToolSchemas.specification(new ToolDefinition("t", "T.", schema, ToolWorker.IN_PROCESS,
        ToolPolicy.BASE)).parameters().properties().get("q")).isInstanceOf(JsonStringSchema.class);
  }
}
