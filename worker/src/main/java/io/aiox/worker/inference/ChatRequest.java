package io.aiox.worker.inference;

import io.aiox.policy.quota.PromptEstimate;
import io.aiox.policy.tool.ToolDefinition;
import io.aiox.worker.context.ChatTurn;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What an engine answers: the system prompt, the conversation so far, the new user message, and sampling; for a turn
 * that may act, the tools the model is offered, the rounds of calls it made so far this turn with their results,
 * and whether this round must call a tool ({@code llm_config.tool_choice: "required"}, first round only).
 */
public record ChatRequest(String system, List<ChatTurn> history, String user, Sampling sampling,
                          List<ToolDefinition> tools, List<ToolRound> rounds, boolean toolRequired) {
  public ChatRequest {
    history = List.copyOf(history);
    tools = List.copyOf(tools);
    rounds = List.copyOf(rounds);
  }

  /** A request without tools. */
  public ChatRequest(String system, List<ChatTurn> history, String user, Sampling sampling) {
    this(system, history, user, sampling, List.of(), List.of(), false);
  }

  /** The same request with one more round of calls and results; a required call is owed only once. */
  public ChatRequest after(ToolRound round) {
    List<ToolRound> more = new java.util.ArrayList<>(rounds);
    more.add(round);
    return new ChatRequest(system, history, user, sampling, tools, more, false);
  }

  /** The same request with no tools offered: the model has to answer now. */
  public ChatRequest withoutTools() {
    return new ChatRequest(system, history, user, sampling, List.of(), rounds, false);
  }

  /** The same request with an answer of at most {@code maxTokens}. */
  public ChatRequest withMaxTokens(int maxTokens) {
    return maxTokens == sampling.maxTokens() ? this : new ChatRequest(system, history, user,
        new Sampling(sampling.temperature(), maxTokens, sampling.topP(), sampling.stop()), tools, rounds,
        toolRequired);
  }

  /** The same request with the {@code n} oldest history messages left out. */
  public ChatRequest withoutOldest(int n) {
    return new ChatRequest(system, history.subList(Math.min(n, history.size()), history.size()), user, sampling,
        tools, rounds, toolRequired);
  }

  /**
   * An upper bound of the prompt's tokens under any tokenizer whose tokens each cover at least one byte of text
   * (byte-level BPE as OpenAI's and Anthropic's, SentencePiece with byte fallback as Gemma's): the text's UTF-8
   * bytes, plus the chat template's markers around each message. For models whose tokenizer is not here.
   */
  public int tokenBound() {
    long bytes = utf8(system) + utf8(user);
    for (ChatTurn t : history) {
      bytes += utf8(t.text());
    }
    int messages = history.size() + 2;
    for (ToolDefinition t : tools) {
      bytes += utf8(t.name()) + utf8(t.description()) + utf8(t.inputSchema().encode());
    }
    for (ToolRound r : rounds) {
      bytes += utf8(r.text());
      for (ToolCall c : r.calls()) {
        bytes += utf8(c.id()) + utf8(c.name()) + utf8(c.argumentsText());
      }
      for (ToolRound.ToolResult x : r.results()) {
        bytes += utf8(x.callId()) + utf8(x.text());
      }
      messages += 1 + r.results().size();
    }
    long bound = bytes + (long) messages * PromptEstimate.MESSAGE_OVERHEAD + PromptEstimate.TURN_OVERHEAD;
    return (int) Math.min(bound, Integer.MAX_VALUE);
  }

  private static long utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }
}
