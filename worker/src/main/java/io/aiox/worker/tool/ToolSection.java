package io.aiox.worker.tool;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One tool's section of the hub's configuration ({@code tools.<tool>}), read so that every problem names its key
 * in full ({@code tools.search_api.max_results must be 1..20, was 50}) and fails start-up.
 */
public final class ToolSection {
  private final String prefix;
  private final JsonObject json;

  private ToolSection(String prefix, JsonObject json) {
    this.prefix = prefix;
    this.json = json;
  }

  /** The section of {@code tool}; a key outside {@code keys} is refused by name. */
  public static ToolSection of(String tool, JsonObject json, Set<String> keys) {
    String prefix = "tools." + tool + ".";
    for (String key : json.fieldNames()) {
      if (!keys.contains(key)) {
        throw new IllegalArgumentException("unknown configuration key " + prefix + key + " (known: "
            + keys.stream().sorted().toList() + ")");
      }
    }
    return new ToolSection(prefix, json);
  }

  public boolean has(String key) {
    return json.getValue(key) != null;
  }

  public int integer(String key, int fallback, int min, int max) {
    Object v = json.getValue(key);
    if (v == null) {
      return fallback;
    }
    if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue()) || n.longValue() < min
        || n.longValue() > max) {
      throw bad(key, "must be a whole number " + min + ".." + max + ", was " + v);
    }
    return n.intValue();
  }

  /** The full name of a key, for messages. */
  public String name(String key) {
    return prefix + key;
  }

  public boolean bool(String key, boolean fallback) {
    Object v = json.getValue(key);
    if (v != null && !(v instanceof Boolean)) {
      throw bad(key, "must be true or false, was " + v);
    }
    return v == null ? fallback : (Boolean) v;
  }

  public Optional<String> string(String key) {
    Object v = json.getValue(key);
    if (v != null && !(v instanceof String s && !s.isBlank())) {
      throw bad(key, "must be a non-empty string, was " + v);
    }
    return Optional.ofNullable((String) v).map(String::strip);
  }

  public List<String> strings(String key) {
    Object v = json.getValue(key);
    if (v == null) {
      return List.of();
    }
    if (!(v instanceof JsonArray array)) {
      throw bad(key, "must be a list of strings, was " + v);
    }
    List<String> out = new ArrayList<>();
    for (Object item : array) {
      if (!(item instanceof String s) || s.isBlank()) {
        throw bad(key, "must be a list of strings; '" + item + "' is not");
      }
      out.add(s.strip());
    }
    return out;
  }

  /** A start-up failure naming the key in full. */
  public IllegalArgumentException bad(String key, String what) {
    return new IllegalArgumentException(prefix + key + " " + what);
  }
}
