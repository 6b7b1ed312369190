package io.aiox.bench.inference;

/**
 * One answered request, timed by the benchmark's clock: from the call to the first streamed piece (TTFT), to the
 * last piece, and to the final answer; the completion tokens are the engine's count (llama.cpp's), as the
 * {@code Completion} and the verticle's reply carry it.
 */
record Sample(long ttftNanos, long lastPieceNanos, long totalNanos, int completionTokens, int promptTokens,
              int pieces) {
  /** Completion tokens over the whole request time: what a caller sees. */
  double tokensPerSecond() {
    return completionTokens / (totalNanos / 1e9);
  }

  /** Tokens after the first over the time between the first and the last piece: the streaming rate. */
  double decodeTokensPerSecond() {
    long span = lastPieceNanos - ttftNanos;
    return completionTokens > 1 && span > 0 ? (completionTokens - 1) / (span / 1e9) : Double.NaN;
  }
}
