package io.aiox.web.usage;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** What a model's tokens cost, per million prompt (input) and completion (output) tokens. */
public record ModelPrice(BigDecimal inputPerMillion, BigDecimal outputPerMillion) {
  private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

  /** The cost of these tokens, to six decimal places. */
  public BigDecimal cost(long promptTokens, long completionTokens) {
    return inputPerMillion.multiply(BigDecimal.valueOf(promptTokens))
        .add(outputPerMillion.multiply(BigDecimal.valueOf(completionTokens)))
        .divide(MILLION, 6, RoundingMode.HALF_UP);
  }
}
