package io.aiox.component.cli;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A command line split into positional words, {@code --key value} options and {@code --flag}s. */
public final class Args {
  private final List<String> words = new ArrayList<>();
  private final Map<String, String> options = new HashMap<>();

  public Args(List<String> argv, Set<String> flags) {
    for (int i = 0; i < argv.size(); i++) {
      String a = argv.get(i);
      if (!a.startsWith("--")) {
        words.add(a);
      } else if (flags.contains(a.substring(2))) {
        options.put(a.substring(2), "true");
      } else if (i + 1 < argv.size()) {
        options.put(a.substring(2), argv.get(++i));
      } else {
        throw new UsageException("option " + a + " needs a value");
      }
    }
  }

  public String word(int i, String what) {
    if (i >= words.size()) {
      throw new UsageException("missing " + what);
    }
    return words.get(i);
  }

  public int wordCount() {
    return words.size();
  }

  public String option(String key, String fallback) {
    return options.getOrDefault(key, fallback);
  }

  public String required(String key) {
    String v = options.get(key);
    if (v == null || v.isBlank()) {
      throw new UsageException("missing --" + key);
    }
    return v;
  }

  /** The option's value as a JSON object, {@code {}} when it is absent; anything else is a usage error. */
  public JsonObject jsonObject(String key) {
    String text = option(key, "{}");
    try {
      return new JsonObject(text);
    } catch (RuntimeException e) {
      throw new UsageException("--" + key + " must be a JSON object, e.g. '{\"key\": 1}'; was " + text);
    }
  }

  public boolean flag(String key) {
    return options.containsKey(key);
  }

  /** Refuses options the command does not know, naming them. */
  public Args allow(Set<String> known) {
    for (String key : options.keySet()) {
      if (!known.contains(key)) {
        throw new UsageException("unknown option --" + key);
      }
    }
    return this;
  }

  /** Bad input on the command line: exit code 2 and the message. */
  public static final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
      super(message);
    }
  }
}
