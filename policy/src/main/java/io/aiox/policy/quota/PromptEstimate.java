package io.aiox.policy.quota;

/**
 * A turn's prompt size before the worker has built it: about one token per three characters of the message plus a
 * fixed allowance for the chat template. That is what admission reserves; the worker then reserves the rest of the
 * prompt as it will be sent (system prompt, memories, history) before any model runs ({@link Reservations}), and
 * settling with the real count corrects the counters.
 */
public final class PromptEstimate {
  /** Tokens for the template around one message (role markers, turn delimiters). */
  public static final int TURN_OVERHEAD = 16;
  /** Tokens a chat template may put around each message of a conversation (role and turn markers). */
  public static final int MESSAGE_OVERHEAD = 8;

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
