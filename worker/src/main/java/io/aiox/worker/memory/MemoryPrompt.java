package io.aiox.worker.memory;

import io.aiox.policy.quota.PromptEstimate;
import io.aiox.schema.memory.Memory;
import io.aiox.schema.memory.RecalledMemory;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The system prompt's memory section: recalled memories one line each, best first, each naming where it came from,
 * until the token budget is spent. A memory that does not fit whole is cut if it is the first, and otherwise left
 * out, so the budget holds whatever the memories' sizes.
 */
public final class MemoryPrompt {
  static final String HEADING = "Long-term memory (recalled for this message, best match first; each line names its"
      + " source and may be out of date):";
  private static final int MIN_USEFUL_CHARS = 40;

  private MemoryPrompt() {}

  /** The section for the memories that fit (empty when none does), and which memories those were. */
  public static Rendered render(List<RecalledMemory> recalled, int tokenBudget) {
    if (recalled.isEmpty() || tokenBudget <= 0) {
      return Rendered.NONE;
    }
    long left = tokenBudget - tokens(HEADING);
    StringBuilder lines = new StringBuilder();
    List<RecalledMemory> used = new ArrayList<>();
    for (RecalledMemory r : recalled) {
      String line = line(r.memory());
      long cost = tokens(line);
      if (cost > left && used.isEmpty() && left * 3 > MIN_USEFUL_CHARS) {
        line = line.substring(0, (int) Math.min(line.length(), left * 3 - 1)) + "…";
        cost = left;
      }
      if (cost > left) {
        break;
      }
      lines.append('\n').append(line);
      used.add(r);
      left -= cost;
    }
    return used.isEmpty() ? Rendered.NONE : new Rendered(HEADING + lines, List.copyOf(used));
  }

  static String line(Memory m) {
    String when = m.createdAt() == null ? "" : ", " + m.createdAt().format(DateTimeFormatter.ISO_LOCAL_DATE);
    String source = m.source() == null || m.source().isBlank() ? "" : " " + m.source();
    return "- [" + m.kind().sql() + source + when + "] " + m.content().replace('\n', ' ').strip();
  }

  private static long tokens(String text) {
    return PromptEstimate.tokens(text) - PromptEstimate.TURN_OVERHEAD;
  }

  /** The section as built, and the memories in it. */
  public record Rendered(String section, List<RecalledMemory> used) {
    public static final Rendered NONE = new Rendered("", List.of());
  }
}
