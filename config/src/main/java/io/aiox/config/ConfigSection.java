package io.aiox.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One section of the hub's configuration ({@code quota}, {@code tools.search_api}, {@code observability.tracing}),
 * read so that an unknown key, a value of the wrong type or out of range fails start-up with a message naming the
 * key in full. Absent keys take the caller's default. Ranges that depend on other keys stay in the records.
 */
public final class ConfigSection {
  private final String path;
  private final JsonObject json;

  private ConfigSection(String path, JsonObject json) {
    this.path = path;
    this.json = json;
  }

  /** The section at {@code path} (e.g. {@code memory}); a key outside {@code keys} is refused by name. */
  public static ConfigSection of(String path, JsonObject json, Set<String> keys) {
    JsonObject section = json == null ? new JsonObject() : json;
    for (String key : section.fieldNames()) {
      if (!keys.contains(key)) {
        throw new IllegalArgumentException("unknown configuration key " + path + "." + key + " (known: "
            + String.join(", ", keys.stream().sorted().toList()) + ")");
      }
    }
    return new ConfigSection(path, section);
  }

  /** The nested section {@code key}; absent reads as empty. */
  public ConfigSection section(String key, Set<String> keys) {
    return of(name(key), object(key), keys);
  }

  /** The nested object {@code key} as it is (for maps keyed by names the caller reads itself); absent: empty. */
  public JsonObject object(String key) {
    Object v = json.getValue(key);
    if (v != null && !(v instanceof JsonObject)) {
      throw bad(key, "must be an object, was " + v);
    }
    return v == null ? new JsonObject() : (JsonObject) v;
  }

  public boolean has(String key) {
    return json.getValue(key) != null;
  }

  /** A whole number; its range is the record's to check, with its own words. */
  public int integer(String key, int fallback) {
    return (int) whole(key, fallback, Integer.MIN_VALUE, Integer.MAX_VALUE);
  }

  public int integer(String key, int fallback, int min, int max) {
    return (int) whole(key, fallback, min, max);
  }

  public long whole(String key, long fallback) {
    return whole(key, fallback, Long.MIN_VALUE, Long.MAX_VALUE);
  }

  private long whole(String key, long fallback, long min, long max) {
    Object v = json.getValue(key);
    if (v == null) {
      return fallback;
    }
    boolean bounded = min != Long.MIN_VALUE && min != Integer.MIN_VALUE || max != Long.MAX_VALUE
        && max != Integer.MAX_VALUE;
    String what = "must be a whole number" + (bounded ? " " + min + ".." + max : "") + ", was ";
    if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())
        || Math.abs(n.doubleValue()) > 9.0e15) {
      throw bad(key, what + shown(v));
    }
    if (n.longValue() < min || n.longValue() > max) {
      throw bad(key, what + n.longValue());
    }
    return n.longValue();
  }

  public double number(String key, double fallback) {
    Object v = json.getValue(key);
    if (v == null) {
      return fallback;
    }
    if (!(v instanceof Number n) || !Double.isFinite(n.doubleValue())) {
      throw bad(key, "must be a number, was " + shown(v));
    }
    return n.doubleValue();
  }

  public boolean bool(String key, boolean fallback) {
    Object v = json.getValue(key);
    if (v != null && !(v instanceof Boolean)) {
      throw bad(key, "must be true or false, was " + shown(v));
    }
    return v == null ? fallback : (Boolean) v;
  }

  /** A string as written (blank allowed: the record says whether it may be). */
  public String string(String key, String fallback) {
    Object v = json.getValue(key);
    if (v != null && !(v instanceof String)) {
      throw bad(key, "must be a string, was " + v);
    }
    return v == null ? fallback : (String) v;
  }

  /** A non-blank string, stripped; absent: empty. */
  public Optional<String> string(String key) {
    Object v = json.getValue(key);
    if (v != null && !(v instanceof String s && !s.isBlank())) {
      throw bad(key, "must be a non-empty string, was " + shown(v));
    }
    return Optional.ofNullable((String) v).map(String::strip);
  }

  public List<String> strings(String key) {
    Object v = json.getValue(key);
    if (v == null) {
      return List.of();
    }
    if (!(v instanceof JsonArray array)) {
      throw bad(key, "must be a list of strings, was " + shown(v));
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

  public Duration millis(String key, Duration fallback) {
    return has(key) ? Duration.ofMillis(whole(key, 0)) : fallback;
  }

  public Duration seconds(String key, Duration fallback) {
    return has(key) ? Duration.ofSeconds(whole(key, 0)) : fallback;
  }

  public Duration days(String key, Duration fallback) {
    return has(key) ? Duration.ofDays(whole(key, 0)) : fallback;
  }

  /** The full name of a key, for messages: {@code tools.search_api.max_results}. */
  public String name(String key) {
    return path + "." + key;
  }

  /** A start-up failure naming the key in full. */
  public IllegalArgumentException bad(String key, String what) {
    return new IllegalArgumentException(name(key) + " " + what);
  }

  private static String shown(Object v) {
    return v instanceof String s ? "\"" + s + "\"" : String.valueOf(v);
  }
}
