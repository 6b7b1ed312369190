package io.aiox.policy.tool;

import io.aiox.policy.tool.net.NetworkDenied;
import io.aiox.policy.tool.net.NetworkGuard;
import io.vertx.core.Future;
import java.util.Optional;

/**
 * Decides one call, in this order: arguments against the input schema, read-only, sandbox, the network rule,
 * the rate limit, approval. The first rule that refuses gives the reason. A rate limiter that cannot be reached
 * refuses (governance fails closed). The call is counted against the rate limit only once the rules before it passed.
 */
public final class ToolGate {
  private final NetworkGuard network;
  private final ToolRateLimiter rates;

  public ToolGate(NetworkGuard network, ToolRateLimiter rates) {
    this.network = network;
    this.rates = rates;
  }

  public Future<ToolDecision> decide(ToolRequest call) {
    String tool = call.tool().name();
    Optional<String> bad = ArgumentSchema.violation(call.tool().inputSchema(), call.arguments());
    if (bad.isPresent()) {
      return Future.succeededFuture(ToolDecision.denied("invalid arguments for " + tool + ": " + bad.get()));
    }
    if (call.policy().readOnly() && call.writes()) {
      return Future.succeededFuture(ToolDecision.denied(tool + " is read-only for this agent; this call would"
          + " change something"));
    }
    if (call.policy().sandboxRequired() && !call.sandboxed()) {
      return Future.succeededFuture(ToolDecision.denied(tool + " must run in a sandbox, and this hub has none"
          + " for it"));
    }
    Future<Void> reachable = call.host().isEmpty() ? Future.succeededFuture()
        : network.vet(call.host().get(), call.policy().allowedDomains(), call.policy().allowedAddresses()).mapEmpty();
    return reachable.compose(v -> rateAndApproval(call), e -> e instanceof NetworkDenied
        ? Future.succeededFuture(ToolDecision.denied(e.getMessage())) : Future.failedFuture(e));
  }

  private Future<ToolDecision> rateAndApproval(ToolRequest call) {
    int limit = call.policy().rateLimitPerMinute();
    return rates.tryAcquire(call.agent(), call.tool().name(), limit).map(within -> {
      if (!within) {
        return ToolDecision.denied("rate limit of " + limit + " " + call.tool().name() + " calls per minute reached;"
            + " try again in " + ToolRateLimiter.secondsLeftInMinute() + " s");
      }
      return call.policy().requiresApproval()
          ? ToolDecision.needsApproval("the owner approves each " + call.tool().name() + " call of this agent")
          : ToolDecision.allowed();
    }).recover(e -> Future.succeededFuture(ToolDecision.denied("the rate limiter is unreachable and tool calls fail"
        + " closed: " + e.getMessage())));
  }
}
