package io.aiox.worker.tool;

import io.aiox.policy.tool.ArgumentSchema;
import io.aiox.policy.tool.PolicyInvalid;
import io.aiox.policy.tool.ToolDecision;
import io.aiox.policy.tool.ToolDefinition;
import io.aiox.policy.tool.ToolGate;
import io.aiox.policy.tool.ToolPolicy;
import io.aiox.policy.tool.ToolRateLimiter;
import io.aiox.policy.tool.ToolRequest;
import io.aiox.policy.tool.approval.PendingApproval;
import io.aiox.policy.tool.approval.PendingApprovals;
import io.aiox.policy.tool.net.NetworkDenied;
import io.aiox.schema.Database;
import io.aiox.schema.audit.AuditEvent;
import io.aiox.schema.audit.AuditLog;
import io.aiox.schema.audit.Severity;
import io.aiox.schema.id.AgentId;
import io.aiox.schema.id.OwnerId;
import io.aiox.schema.tool.AgentToolRepository;
import io.aiox.schema.tool.ToolBinding;
import io.aiox.worker.telemetry.Metrics;
import io.aiox.worker.telemetry.Violation;
import io.aiox.worker.tool.ToolOutcome.Status;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * The one way a tool call runs: {@link #invoke} resolves the agent's policy for the tool, asks the gate, asks the
 * owner when the policy says so, runs the tool, and appends an audit entry at each step ({@code tool.denied},
 * {@code tool.allowed}, {@code tool.approved}, {@code tool.rejected}, {@code tool.expired}, {@code tool.executed}).
 * An audit entry that cannot be written stops the call before the next step.
 */
public final class ToolCalls {
  private static final int MAX_WHY = 1_000;

  private final AgentToolRepository bindings;
  private final AuditLog audit;
  private final ToolRegistry registry;
  private final ToolGate gate;
  private final ApprovalRequester approvals;
  private Metrics metrics = Metrics.NONE;

  public ToolCalls(Vertx vertx, Database database, Redis redis, ToolRegistry registry) {
    this.bindings = new AgentToolRepository(database.ownerScope());
    this.audit = new AuditLog(database.ownerScope());
    this.registry = registry;
    this.gate = new ToolGate(registry.guard(), new ToolRateLimiter(redis));
    this.approvals = new ApprovalRequester(vertx, new PendingApprovals(redis));
  }

  /** Where the calls' outcomes are counted (the hub's metrics). */
  public ToolCalls withMetrics(Metrics metrics) {
    this.metrics = metrics;
    return this;
  }

  /**
   * Runs one call of {@code tool} by the owner's agent with these arguments; {@code why} is the caller's reason,
   * shown to the owner when approval is needed. Completes with the outcome whatever the policy decided; fails only
   * when the database, Redis or the audit log could not be used.
   */
  public Future<ToolOutcome> invoke(OwnerId owner, AgentId agent, String tool, JsonObject arguments, String why) {
    String reason = why == null ? "" : why.length() > MAX_WHY ? why.substring(0, MAX_WHY) : why;
    Call call = new Call(UUID.randomUUID().toString(), owner, agent, tool, arguments.copy(), reason);
    return bindings.binding(owner, agent, tool).compose(binding -> {
      Optional<String> refused = prepare(call, binding);
      return refused.isPresent() ? deny(call, refused.get()) : decide(call);
    }).onSuccess(outcome -> count(call, outcome));
  }

  /** The tool label is a name the hub knows: a model may ask for any name, and each would be a new series. */
  private void count(Call call, ToolOutcome outcome) {
    String tool = registry.known(call.name) ? call.name : "unknown";
    metrics.toolCall(tool, outcome.status().name().toLowerCase(Locale.ROOT));
    if (outcome.status() == Status.DENIED) {
      metrics.policyViolation(Violation.TOOL_DENIED);
    }
  }

  /** Fills in the call's definition, implementation and policy; the reason it cannot run at all, if any. */
  private Optional<String> prepare(Call call, Optional<ToolBinding> binding) {
    Optional<ToolDefinition> definition = registry.definition(call.name);
    if (definition.isEmpty()) {
      return Optional.of("there is no tool named " + call.name);
    }
    call.binding = binding.orElse(null);
    if (binding.isEmpty()) {
      return Optional.of("the owner has no live agent " + call.agent);
    }
    if (!binding.get().enabled()) {
      return Optional.of(call.name + " is not enabled for this agent");
    }
    Optional<Tool> tool = registry.tool(call.name);
    if (tool.isEmpty()) {
      return Optional.of(call.name + " is not available in this build");
    }
    call.tool = tool.get();
    Optional<String> unavailable = call.tool.unavailable();
    if (unavailable.isPresent()) {
      return unavailable;
    }
    try {
      call.policy = definition.get().defaults().withOverrides(binding.get().policy().orElseThrow());
    } catch (PolicyInvalid e) {
      return Optional.of("the agent's policy for " + call.name + " is invalid: " + e.getMessage());
    }
    Optional<String> bad = ArgumentSchema.violation(definition.get().inputSchema(), call.arguments)
        .or(() -> call.tool.problem(call.arguments));
    if (bad.isPresent()) {
      return Optional.of("invalid arguments for " + call.name + ": " + bad.get());
    }
    call.host = call.tool.host(call.arguments);
    return call.tool.outsidePolicy(call.arguments, call.policy);
  }

  private Future<ToolOutcome> decide(Call call) {
    ToolRequest request = new ToolRequest(call.owner, call.agent, call.tool.definition(), call.policy, call.arguments,
        call.tool.writes(call.arguments), call.tool.sandboxed(), call.host);
    return gate.decide(request).compose(decision -> switch (decision.verdict()) {
      case DENIED -> deny(call, decision.reason());
      case ALLOWED -> record(call, "tool.allowed", Severity.INFO, call.actor(), details(call, decision, false))
          .compose(v -> execute(call));
      case NEEDS_APPROVAL -> record(call, "tool.allowed", Severity.INFO, call.actor(), details(call, decision, true))
          .compose(v -> askOwner(call));
    });
  }

  private Future<ToolOutcome> askOwner(Call call) {
    PendingApproval pending = new PendingApproval(call.id, call.owner, call.agent, call.binding.ownerJid(),
        call.binding.agentJid(), call.name, Instant.now().plus(call.policy.approvalTimeout()));
    JsonObject question = ToolApprovals.ask(pending, call.tool.definition().description(), call.arguments, call.why);
    return approvals.ask(pending, question).transform(asked -> {
      if (asked.failed()) {
        return deny(call, "the owner could not be asked to approve: " + asked.cause().getMessage());
      }
      ApprovalRequester.Verdict verdict = asked.result();
      JsonObject details = base(call).put("decided_by", verdict.by());
      return switch (verdict.decision()) {
        case APPROVED -> record(call, "tool.approved", Severity.INFO, verdict.by(), details)
            .compose(v -> execute(call));
        case DENIED -> record(call, "tool.rejected", Severity.INFO, verdict.by(), details)
            .map(v -> new ToolOutcome(call.id, Status.REJECTED, "the owner denied this call", null));
        case EXPIRED -> record(call, "tool.expired", Severity.WARNING, "hub", details)
            .map(v -> new ToolOutcome(call.id, Status.EXPIRED, "the owner did not decide within "
                + call.policy.approvalTimeout().toSeconds() + " s", null));
      };
    });
  }

  private Future<ToolOutcome> execute(Call call) {
    long started = System.nanoTime();
    return call.tool.execute(call.owner, call.arguments, call.policy).transform(ran -> {
      if (ran.failed() && ran.cause() instanceof NetworkDenied denied) {
        return deny(call, denied.getMessage()); // the target changed between the gate and the connection
      }
      if (ran.failed() && ran.cause() instanceof ToolRefused refused) {
        return deny(call, refused.getMessage()); // only running showed what the call would touch
      }
      JsonObject details = base(call).put("duration_ms", (System.nanoTime() - started) / 1_000_000);
      if (ran.failed()) {
        String error = ran.cause().getMessage();
        return record(call, "tool.executed", Severity.WARNING, call.actor(), details.put("status", "failed")
            .put("error", error)).map(v -> new ToolOutcome(call.id, Status.FAILED, error, null));
      }
      details.put("status", "ok").put("result", call.tool.auditSummary(ran.result()));
      return record(call, "tool.executed", Severity.INFO, call.actor(), details)
          .map(v -> new ToolOutcome(call.id, Status.EXECUTED, "", ran.result()));
    });
  }

  private Future<ToolOutcome> deny(Call call, String reason) {
    return record(call, "tool.denied", Severity.WARNING, call.actor(), base(call).put("reason", reason))
        .map(v -> new ToolOutcome(call.id, Status.DENIED, reason, null));
  }

  private JsonObject details(Call call, ToolDecision decision, boolean approval) {
    return base(call).put("reason", decision.reason()).put("approval", approval ? "required" : "not required");
  }

  /** What every entry of a call carries; arguments and the caller's reason only where the policy audits them. */
  private static JsonObject base(Call call) {
    JsonObject json = new JsonObject().put("call_id", call.id).put("tool", call.name);
    call.host.ifPresent(h -> json.put("host", h));
    if (call.policy == null || call.policy.audit()) {
      json.put("arguments", call.arguments.copy()).put("why", call.why);
    }
    return json;
  }

  private Future<Void> record(Call call, String type, Severity severity, String actor, JsonObject details) {
    return audit.append(new AuditEvent(call.owner, Optional.of(call.agent), type, severity, actor, details))
        .mapEmpty();
  }

  /** One call as it moves through the steps; filled in by {@link #prepare}. */
  private static final class Call {
    final String id;
    final OwnerId owner;
    final AgentId agent;
    final String name;
    final JsonObject arguments;
    final String why;
    ToolBinding binding;
    Tool tool;
    ToolPolicy policy;
    Optional<String> host = Optional.empty();

    Call(String id, OwnerId owner, AgentId agent, String name, JsonObject arguments, String why) {
      this.id = id;
      this.owner = owner;
      this.agent = agent;
      this.name = name;
      this.arguments = arguments;
      this.why = why;
    }

    /** Who caused the call: the agent, by its address when known. */
    String actor() {
      return binding != null ? binding.agentJid() : agent.toString();
    }
  }
}
