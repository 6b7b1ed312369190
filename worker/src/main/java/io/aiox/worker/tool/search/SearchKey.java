package io.aiox.worker.tool.search;

import java.util.Objects;

/** The header that carries the search endpoint's API key, and its value; the value never shows in logs or errors. */
public record SearchKey(String header, String value) {
  public SearchKey {
    Objects.requireNonNull(header, "header");
    Objects.requireNonNull(value, "value");
  }

  /** What the header carries: {@code Bearer <key>} in {@code Authorization}, the key itself in any other header. */
  public String headerValue() {
    return header.equalsIgnoreCase("Authorization") ? "Bearer " + value : value;
  }

  @Override
  public String toString() {
    return "SearchKey[header=" + header + ", value=(hidden)]";
  }
}
