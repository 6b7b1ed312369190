package io.aiox.policy.tool;

import io.vertx.core.json.JsonObject;
import java.util.Objects;

/**
 * What a tool is: its name (as a model calls it), what it does in one sentence, the JSON schema its arguments must
 * satisfy, where it runs, and the policy an agent gets when its owner overrides nothing.
 */
public record ToolDefinition(String name, String description, JsonObject inputSchema, ToolWorker worker,
                             ToolPolicy defaults) {
  public ToolDefinition {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(worker, "worker");
    Objects.requireNonNull(defaults, "defaults");
    inputSchema = inputSchema.copy();
  }

  @Override
  public JsonObject inputSchema() {
    return inputSchema.copy();
  }

  /** The definition as a model's function-calling API expects it: name, description, parameters. */
  public JsonObject toJson() {
    return new JsonObject().put("name", name).put("description", description).put("parameters", inputSchema.copy());
  }
}
