package io.aiox.schema.external;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * What a read-only query returned: column names, rows as arrays of JSON values, and whether rows were left out
 * (more than the row cap, or past the byte cap).
 */
public record QueryRows(List<String> columns, JsonArray rows, boolean truncated) {
  public QueryRows {
    columns = List.copyOf(columns);
  }

  public JsonObject toJson() {
    return new JsonObject().put("columns", new JsonArray(columns)).put("rows", rows.copy())
        .put("row_count", rows.size()).put("truncated", truncated);
  }
}
