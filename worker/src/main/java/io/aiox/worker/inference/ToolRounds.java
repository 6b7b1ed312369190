package io.aiox.worker.inference;

import io.aiox.schema.id.AgentId;
import io.aiox.schema.id.OwnerId;
import io.aiox.worker.inference.ToolRound.ToolResult;
import io.aiox.worker.model.ToolLimits;
import io.aiox.worker.tool.ToolCalls;
import io.aiox.worker.tool.ToolOutcome;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A turn's rounds on one model: ask it; when it asks for tools, run each call through {@link ToolCalls} (which checks
 * the agent's policy, asks the owner where the policy says so, and audits every step) and ask again with the results,
 * until the model answers. A call the policy refused, the owner denied, or whose arguments are not a JSON object is
 * answered to the model as an error text and never run. When {@code inference.tools.max_rounds} rounds asked for
 * tools, or the turn has used {@code inference.tools.max_tokens}, the calls of the round that passes the bound are
 * answered "not run" and the model is asked once more without tools, so the sender always gets an answer.
 * Calls run one after another, in the order the model asked for them. A redelivered turn never runs its calls twice:
 * its request id already has an execution, and such a turn is refused before any model is asked.
 */
final class ToolRounds {
  /** Asks the model once; {@code held}: the tokens earlier rounds of this turn used, which the quota must keep. */
  interface ModelCall {
    Future<Completion> ask(ChatRequest request, long held);
  }

  private final ToolCalls calls;
  private final ToolLimits limits;
  private final OwnerId owner;
  private final AgentId agent;
  private final Consumer<String> onToolStart;
  private final JsonArray used = new JsonArray();

  /** {@code onToolStart}: told each tool's name as its call starts (the sender's short status). */
  ToolRounds(ToolCalls calls, ToolLimits limits, OwnerId owner, AgentId agent, Consumer<String> onToolStart) {
    this.calls = calls;
    this.limits = limits;
    this.owner = owner;
    this.agent = agent;
    this.onToolStart = onToolStart;
  }

  /** The calls this turn made, for its execution record: tool, call id, outcome. */
  JsonArray used() {
    return used.copy();
  }

  /** The model's answer, with every round's tokens counted. */
  Future<Completion> run(ChatRequest first, ModelCall model, Cancellation cancel) {
    return round(first, model, cancel, 1, 0, 0);
  }

  private Future<Completion> round(ChatRequest request, ModelCall model, Cancellation cancel, int n, int prompt,
                                   int completion) {
    return model.ask(request, (long) prompt + completion).compose(c -> {
      if (c.toolCalls().isEmpty() || c.cancelled()) {
        return Future.succeededFuture(c.plus(prompt, completion));
      }
      int p = prompt + c.promptTokens();
      int k = completion + c.completionTokens();
      String bound = n >= limits.maxRounds() ? "this turn's " + limits.maxRounds() + " tool rounds are used up"
          : p + k >= limits.maxTokens() ? "this turn has used " + (p + k) + " tokens, its tool limit is "
          + limits.maxTokens() : null;
      if (bound != null) {
        List<ToolResult> refused = c.toolCalls().stream().map(call -> error(call, "not run: " + bound
            + "; answer with what you have")).toList();
        return model.ask(request.after(new ToolRound(c.text(), c.toolCalls(), refused)).withoutTools(), p + k)
            .map(last -> last.plus(p, k));
      }
      return execute(c.toolCalls(), c.text(), cancel, 0, new ArrayList<>())
          .compose(results -> cancel.cancelled() ? Future.succeededFuture(c.plus(prompt, completion))
              : round(request.after(new ToolRound(c.text(), c.toolCalls(), results)), model, cancel, n + 1, p, k));
    });
  }

  private Future<List<ToolResult>> execute(List<ToolCall> asked, String why, Cancellation cancel, int i,
                                           List<ToolResult> done) {
    if (i >= asked.size()) {
      return Future.succeededFuture(done);
    }
    ToolCall call = asked.get(i);
    if (cancel.cancelled()) {
      done.add(error(call, "not run: the turn was stopped"));
      return execute(asked, why, cancel, i + 1, done);
    }
    return one(call, why).compose(r -> {
      done.add(r);
      return execute(asked, why, cancel, i + 1, done);
    });
  }

  private Future<ToolResult> one(ToolCall call, String why) {
    var arguments = call.arguments();
    if (arguments.isEmpty()) {
      used.add(new JsonObject().put("tool", call.name()).put("status", "malformed"));
      return Future.succeededFuture(error(call, "not run: the arguments are not a JSON object: "
          + clip(call.argumentsText(), 200)));
    }
    onToolStart.accept(call.name());
    return calls.invoke(owner, agent, call.name(), arguments.get(), why)
        .map(outcome -> {
          used.add(new JsonObject().put("tool", call.name()).put("call_id", outcome.callId())
              .put("status", outcome.status().name().toLowerCase(java.util.Locale.ROOT)));
          return result(call, outcome);
        })
        .otherwise(e -> {
          used.add(new JsonObject().put("tool", call.name()).put("status", "failed"));
          return error(call, "failed: " + e.getMessage());
        });
  }

  private ToolResult result(ToolCall call, ToolOutcome outcome) {
    return switch (outcome.status()) {
      case EXECUTED -> new ToolResult(call.id(), call.name(), clip(outcome.result().encode(),
          limits.maxResultChars()), false);
      case DENIED -> error(call, "refused by the agent's policy: " + outcome.reason());
      case REJECTED -> error(call, "not run: " + outcome.reason());
      case EXPIRED -> error(call, "not run: " + outcome.reason());
      case FAILED -> error(call, "failed: " + outcome.reason());
    };
  }

  private static ToolResult error(ToolCall call, String text) {
    return new ToolResult(call.id(), call.name(), "error: " + text, true);
  }

  private static String clip(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max) + " [cut at " + max + " characters]";
  }
}
