package io.aiox.policy.quota;

/**
 * A turn's prompt size before the worker has built it: about one token per three characters of the message plus a
 * fixed allowance for the chat template. The worker adds the system prompt and history, so the real count can be
 * larger; settling with the real count corrects the counters either way.
 */
public final class PromptEstimate {
  /** Tokens for the template around one message (role markers, turn delimiters). */
  public static final int TURN_OVERHEAD = 16;

  private PromptEstimate() {}

  public static long tokens(String text) {
    int chars = text == null ? 0 : text.codePointCount(0, text.length());
    return (chars + 2) / 3 + TURN_OVERHEAD;
  }

  /** What a turn reserves: its prompt estimate plus the most it may generate. */
  public static long turnMaximum(String text, int maxTokens) {
    return tokens(text) + Math.max(maxTokens, 0);
  }
}
