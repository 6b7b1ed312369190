package io.aiox.schema.external;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * What PostgreSQL's {@code EXPLAIN (VERBOSE, FORMAT JSON)} says a statement touches: every relation it scans (with
 * its schema, whatever the search path) and whether any node modifies data or locks rows. Views are expanded by
 * the planner, so a view reads as the tables below it.
 */
record QueryPlan(Set<TableName> relations, Optional<String> modification) {
  static QueryPlan of(Object explain) {
    Set<TableName> relations = new LinkedHashSet<>();
    String[] modification = {null};
    walk(explain, relations, modification);
    return new QueryPlan(relations, Optional.ofNullable(modification[0]));
  }

  private static void walk(Object node, Set<TableName> relations, String[] modification) {
    if (node instanceof JsonArray array) {
      array.forEach(item -> walk(item, relations, modification));
    } else if (node instanceof JsonObject json) {
      String type = json.getString("Node Type");
      if ("ModifyTable".equals(type) || "LockRows".equals(type)) {
        modification[0] = "ModifyTable".equals(type) ? json.getString("Operation", "a change") : "row locks";
      }
      String relation = json.getString("Relation Name");
      if (relation != null) {
        relations.add(new TableName(json.getString("Schema", TableName.DEFAULT_SCHEMA), relation));
      }
      json.forEach(entry -> walk(entry.getValue(), relations, modification));
    }
  }
}
