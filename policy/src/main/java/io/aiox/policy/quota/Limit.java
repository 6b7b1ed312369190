package io.aiox.policy.quota;

/** One kind of limit; {@link #key()} is its name in agent governance, user quota config and hub config. */
public enum Limit {
  TOKENS_PER_MINUTE("max_tokens_per_minute", "tokens per minute"),
  TOKENS_PER_DAY("max_tokens_per_day", "tokens per day"),
  MESSAGES_PER_MINUTE("max_messages_per_minute", "messages per minute"),
  CONCURRENT_TURNS("max_concurrent_turns", "concurrent turns");

  private final String key;
  private final String label;

  Limit(String key, String label) {
    this.key = key;
    this.label = label;
  }

  public String key() {
    return key;
  }

  /** Words for a person: "tokens per minute". */
  public String label() {
    return label;
  }

  /** The code the Lua script uses (1-based, in declaration order). */
  int code() {
    return ordinal() + 1;
  }

  static Limit ofCode(int code) {
    return values()[code - 1];
  }
}
