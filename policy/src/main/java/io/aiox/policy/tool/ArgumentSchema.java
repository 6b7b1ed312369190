package io.aiox.policy.tool;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Optional;

/**
 * Checks a call's arguments against the tool's input schema. It knows the subset of JSON Schema the catalog uses:
 * {@code type}, {@code properties}, {@code required}, {@code additionalProperties} (false or a schema),
 * {@code enum}, {@code minLength}/{@code maxLength}, {@code minimum}/{@code maximum}, {@code items},
 * {@code maxItems}, {@code maxProperties}. A model's arguments are untrusted input: anything outside the schema
 * is refused.
 */
public final class ArgumentSchema {
  private ArgumentSchema() {}

  /** What is wrong with {@code value} (naming where), or empty when it satisfies {@code schema}. */
  public static Optional<String> violation(JsonObject schema, Object value) {
    return check(schema, value, "arguments");
  }

  private static Optional<String> check(JsonObject schema, Object value, String at) {
    String type = schema.getString("type");
    if (type != null && !hasType(type, value)) {
      return Optional.of(at + " must be " + article(type));
    }
    JsonArray choices = schema.getJsonArray("enum");
    if (choices != null && !choices.contains(value)) {
      return Optional.of(at + " must be one of " + choices.encode());
    }
    return switch (value) {
      case String s -> bounds(at, s.length(), schema.getInteger("minLength"), schema.getInteger("maxLength"),
          " characters");
      case Number n -> bounds(at, n.doubleValue(), schema.getNumber("minimum"), schema.getNumber("maximum"), "");
      case JsonArray a -> array(schema, a, at);
      case JsonObject o -> object(schema, o, at);
      case null, default -> Optional.empty();
    };
  }

  private static Optional<String> object(JsonObject schema, JsonObject o, String at) {
    JsonObject props = schema.getJsonObject("properties", new JsonObject());
    for (Object name : schema.getJsonArray("required", new JsonArray())) {
      if (o.getValue((String) name) == null) {
        return Optional.of(at + "." + name + " is required");
      }
    }
    Integer maxProperties = schema.getInteger("maxProperties");
    if (maxProperties != null && o.size() > maxProperties) {
      return Optional.of(at + " may hold at most " + maxProperties + " entries");
    }
    Object extra = schema.getValue("additionalProperties");
    for (String key : o.fieldNames()) {
      JsonObject sub = props.getJsonObject(key);
      if (sub == null && Boolean.FALSE.equals(extra)) {
        return Optional.of(at + "." + key + " is not an argument of this tool");
      }
      JsonObject rule = sub != null ? sub : extra instanceof JsonObject j ? j : null;
      Optional<String> bad = rule == null ? Optional.empty() : check(rule, o.getValue(key), at + "." + key);
      if (bad.isPresent()) {
        return bad;
      }
    }
    return Optional.empty();
  }

  private static Optional<String> array(JsonObject schema, JsonArray a, String at) {
    Integer maxItems = schema.getInteger("maxItems");
    if (maxItems != null && a.size() > maxItems) {
      return Optional.of(at + " may hold at most " + maxItems + " items");
    }
    JsonObject items = schema.getJsonObject("items");
    for (int i = 0; items != null && i < a.size(); i++) {
      Optional<String> bad = check(items, a.getValue(i), at + "[" + i + "]");
      if (bad.isPresent()) {
        return bad;
      }
    }
    return Optional.empty();
  }

  private static Optional<String> bounds(String at, double v, Number min, Number max, String unit) {
    if (min != null && v < min.doubleValue()) {
      return Optional.of(at + " must be at least " + min + unit);
    }
    if (max != null && v > max.doubleValue()) {
      return Optional.of(at + " must be at most " + max + unit);
    }
    return Optional.empty();
  }

  private static boolean hasType(String type, Object v) {
    return switch (type) {
      case "object" -> v instanceof JsonObject;
      case "array" -> v instanceof JsonArray;
      case "string" -> v instanceof String;
      case "boolean" -> v instanceof Boolean;
      case "number" -> v instanceof Number;
      case "integer" -> v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue());
      default -> false;
    };
  }

  private static String article(String type) {
    return (type.startsWith("a") || type.startsWith("o") || type.startsWith("i") ? "an " : "a ") + type;
  }
}
