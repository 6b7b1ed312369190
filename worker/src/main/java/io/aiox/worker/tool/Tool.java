package io.aiox.worker.tool;

import io.aiox.policy.tool.ToolDefinition;
import io.aiox.policy.tool.ToolPolicy;
import io.aiox.schema.id.OwnerId;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Optional;

/**
 * A tool this build can run. Arguments reach {@link #execute} only after they satisfied the input schema,
 * {@link #problem} found nothing, and the policy gate (and the owner, where asked) allowed the call.
 */
public interface Tool {
  ToolDefinition definition();

  /**
   * Why this tool cannot run any call on this hub (the operator has not configured it), or empty. A call is then
   * refused before its policy is looked at, so nobody is asked to approve a call that cannot run.
   */
  default Optional<String> unavailable() {
    return Optional.empty();
  }

  /** What the schema cannot say is wrong with these arguments (a URL's scheme, a forbidden header); else empty. */
  default Optional<String> problem(JsonObject arguments) {
    return Optional.empty();
  }

  /**
   * Why these arguments are outside the agent's policy in a way only this tool can judge (a recipient's domain,
   * a table not allowed); empty when they are not. Such a call is denied before the gate and the owner see it.
   */
  default Optional<String> outsidePolicy(JsonObject arguments, ToolPolicy policy) {
    return Optional.empty();
  }

  /** Whether the call would change something outside the hub; a read-only policy refuses such calls. */
  default boolean writes(JsonObject arguments) {
    return false;
  }

  /** Whether the tool runs in a sandbox; a policy that requires one refuses tools that do not. */
  default boolean sandboxed() {
    return false;
  }

  /** The host the call would reach, for the network rule; empty for tools that stay inside the hub. */
  default Optional<String> host(JsonObject arguments) {
    return Optional.empty();
  }

  /**
   * Runs the call for the owner's agent (tools that read the owner's secrets need the owner). Fails with
   * {@link ToolFailed} (the tool ran, or tried to, and did not succeed), with {@link ToolRefused} (what the call
   * would do turned out to be outside the policy) or with {@link io.aiox.policy.tool.net.NetworkDenied} (the
   * target failed the network rule when connecting).
   */
  Future<JsonObject> execute(OwnerId owner, JsonObject arguments, ToolPolicy policy);

  /** The result as the audit log keeps it: without bulky or private content. */
  default JsonObject auditSummary(JsonObject result) {
    return result;
  }
}
