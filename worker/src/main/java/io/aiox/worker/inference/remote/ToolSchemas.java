package io.aiox.worker.inference.remote;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonAnyOfSchema;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonBooleanSchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonNullSchema;
import dev.langchain4j.model.chat.request.json.JsonNumberSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import io.aiox.policy.tool.ToolDefinition;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * A tool's JSON Schema as LangChain4j's tool specification, for providers' native tool calling. The shape is what
 * the provider shows the model, {@code anyOf} and {@code null} included (MCP servers' schemas use them); constraints
 * LangChain4j has no field for (lengths, ranges) are left out here and still enforced: every call is checked against the full schema before it runs ({@code ToolCalls}).
 */
final class ToolSchemas {
  private ToolSchemas() {}

  static ToolSpecification specification(ToolDefinition tool) {
    return ToolSpecification.builder().name(tool.name()).description(tool.description())
        .parameters(object(tool.inputSchema(), null)).build();
  }

  private static JsonSchemaElement element(JsonObject schema) {
    String description = schema.getString("description");
    JsonArray choices = schema.getJsonArray("enum");
    if (choices != null) {
      List<String> values = new ArrayList<>();
      choices.forEach(v -> values.add(String.valueOf(v)));
      return JsonEnumSchema.builder().enumValues(values).description(description).build();
    }
    JsonArray anyOf = schema.getJsonArray("anyOf");
    if (anyOf != null) { // MCP servers' schemas use it for optional and alternative shapes
      List<JsonSchemaElement> alternatives = new ArrayList<>();
      anyOf.forEach(a -> alternatives.add(element(a instanceof JsonObject o ? o : new JsonObject())));
      return JsonAnyOfSchema.builder().description(description).anyOf(alternatives).build();
    }
    return switch (schema.getString("type", "string")) {
      case "null" -> new JsonNullSchema();
      case "object" -> object(schema, description);
      case "integer" -> JsonIntegerSchema.builder().description(description).build();
      case "number" -> JsonNumberSchema.builder().description(description).build();
      case "boolean" -> JsonBooleanSchema.builder().description(description).build();
      case "array" -> JsonArraySchema.builder().description(description)
          .items(element(schema.getJsonObject("items", new JsonObject().put("type", "string")))).build();
      default -> JsonStringSchema.builder().description(description).build();
    };
  }

  private static JsonObjectSchema object(JsonObject schema, String description) {
    JsonObjectSchema.Builder b = JsonObjectSchema.builder().description(description);
    JsonObject properties = schema.getJsonObject("properties", new JsonObject());
    for (String name : properties.fieldNames()) {
      b.addProperty(name, element(properties.getJsonObject(name)));
    }
    List<String> required = new ArrayList<>();
    schema.getJsonArray("required", new JsonArray()).forEach(r -> required.add(String.valueOf(r)));
    if (schema.getValue("additionalProperties") instanceof Boolean additional) {
      b.additionalProperties(additional);
    }
    return b.required(required).build();
  }
}
