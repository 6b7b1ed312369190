package io.aiox.worker.turn;

import java.util.Objects;
import java.util.Optional;

/**
 * A worker's answer to a {@link TurnRequest}: the text, which provider and model wrote it, and the tokens it used
 * (a worker that reports none has the whole reservation charged). Carried by {@link TurnCodec}.
 */
public record TurnReply(String body, Optional<String> provider, Optional<String> model, Optional<Tokens> tokens)
    implements TurnMessage {
  /** The tokens one turn used, every round of it. */
  public record Tokens(int prompt, int completion) {
    public long total() {
      return (long) prompt + completion;
    }
  }

  public TurnReply {
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(tokens, "tokens");
  }

  /** An answer with nothing counted (test fixtures, benchmarks). */
  public static TurnReply of(String body) {
    return new TurnReply(body, Optional.empty(), Optional.empty(), Optional.empty());
  }

  public static TurnReply counted(String body, String provider, String model, int prompt, int completion) {
    return new TurnReply(body, Optional.ofNullable(provider), Optional.ofNullable(model),
        Optional.of(new Tokens(prompt, completion)));
  }
}
