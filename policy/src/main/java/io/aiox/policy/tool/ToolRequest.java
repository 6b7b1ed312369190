package io.aiox.policy.tool;

import io.aiox.schema.id.AgentId;
import io.aiox.schema.id.OwnerId;
import io.vertx.core.json.JsonObject;
import java.util.Objects;
import java.util.Optional;

/**
 * One call as the gate judges it.
 *
 * @param policy the agent's policy for the tool (defaults with the owner's overrides)
 * @param writes whether this call would change something (an HTTP POST), against {@link ToolPolicy#readOnly()}
 * @param sandboxed whether the hub would run it in a sandbox, against {@link ToolPolicy#sandboxRequired()}
 * @param host the host a network tool would reach; empty for tools that stay inside the hub
 */
public record ToolRequest(OwnerId owner, AgentId agent, ToolDefinition tool, ToolPolicy policy, JsonObject arguments,
                          boolean writes, boolean sandboxed, Optional<String> host) {
  public ToolRequest {
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(agent, "agent");
    Objects.requireNonNull(tool, "tool");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(arguments, "arguments");
    Objects.requireNonNull(host, "host");
  }
}
