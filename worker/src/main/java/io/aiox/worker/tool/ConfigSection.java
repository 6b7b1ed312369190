package io.aiox.worker.tool;

import io.vertx.core.json.JsonObject;
import java.util.Optional;
import java.util.Set;

/**
 * One tool's section of the hub configuration ({@code tools.<tool_name>}), read with types: unknown keys and
 * values of the wrong type or range are refused with the key's full name, so a typo stops start-up.
 */
public final class ConfigSection {
  private final String prefix;
  private final JsonObject json;

  private ConfigSection(String prefix, JsonObject json) {
    this.prefix = prefix;
    this.json = json;
  }

  /** The section at {@code prefix} (such as {@code tools.email_sender}); keys outside {@code known} are refused. */
  public static ConfigSection of(String prefix, JsonObject json, Set<String> known) {
    for (String key : json.fieldNames()) {
      if (!known.contains(key)) {
        throw new IllegalArgumentException("unknown configuration key " + prefix + "." + key + " (known: "
            + known.stream().sorted().toList() + ")");
      }
    }
    return new ConfigSection(prefix, json);
  }

  /** The full name of a key, for messages. */
  public String name(String key) {
    return prefix + "." + key;
  }

  public Optional<String> text(String key) {
    Object v = json.getValue(key);
    if (v == null) {
      return Optional.empty();
    }
    if (!(v instanceof String s) || s.isBlank()) {
      throw invalid(key, "must be a non-empty string, was " + v);
    }
    return Optional.of(s.strip());
  }

  public int integer(String key, int fallback, int min, int max) {
    Object v = json.getValue(key, fallback);
    if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue()) || n.longValue() < min
        || n.longValue() > max) {
      throw invalid(key, "must be a whole number from " + min + " to " + max + ", was " + v);
    }
    return n.intValue();
  }

  public boolean bool(String key, boolean fallback) {
    Object v = json.getValue(key, fallback);
    if (!(v instanceof Boolean b)) {
      throw invalid(key, "must be true or false, was " + v);
    }
    return b;
  }

  public IllegalArgumentException invalid(String key, String what) {
    return new IllegalArgumentException(name(key) + " " + what);
  }
}
