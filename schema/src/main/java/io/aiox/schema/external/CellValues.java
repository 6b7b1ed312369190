package io.aiox.schema.external;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.util.HexFormat;

/**
 * A row's values as JSON: text, booleans, whole numbers and floating point numbers as themselves, JSON as JSON,
 * exact numerics as text (no precision lost), {@code bytea} as {@code \x}-hex, arrays element by element, and
 * everything else (dates, UUIDs, intervals) as PostgreSQL-style text.
 */
final class CellValues {
  private CellValues() {}

  static JsonArray of(Row row) {
    JsonArray values = new JsonArray();
    for (int i = 0; i < row.size(); i++) {
      values.add(json(row.getValue(i)));
    }
    return values;
  }

  private static Object json(Object v) {
    return switch (v) {
      case null -> null;
      case String s -> s;
      case Boolean b -> b;
      case Integer n -> n;
      case Long n -> n;
      case Short n -> n.intValue();
      case Double n -> n;
      case Float n -> n.doubleValue();
      case JsonObject j -> j;
      case JsonArray j -> j;
      case Buffer b -> "\\x" + HexFormat.of().formatHex(b.getBytes());
      case Object[] array -> {
        JsonArray out = new JsonArray();
        for (Object item : array) {
          out.add(json(item));
        }
        yield out;
      }
      default -> v.toString();
    };
  }
}
