package io.aiox.schema.agent;

import io.vertx.core.json.JsonObject;
import java.util.Objects;

/** What a creator chooses for a new agent; the id and JID are assigned on creation. */
public record NewAgent(JsonObject profile, JsonObject llmConfig, JsonObject capabilities, JsonObject memoryConfig,
                       JsonObject governance, Visibility visibility) {
  public NewAgent {
    Objects.requireNonNull(visibility, "visibility");
    if (profile == null || profile.getString("name", "").isBlank()) {
      throw new IllegalArgumentException("an agent needs a profile with a name");
    }
    llmConfig = llmConfig == null ? new JsonObject() : llmConfig;
    capabilities = capabilities == null ? new JsonObject() : capabilities;
    memoryConfig = memoryConfig == null ? new JsonObject() : memoryConfig;
    governance = governance == null ? new JsonObject() : governance;
  }

  public static NewAgent named(String name, Visibility visibility) {
    return new NewAgent(new JsonObject().put("name", name), null, null, null, null, visibility);
  }
}
