package io.aiox.schema.external;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A table as an owner allows it and as PostgreSQL's plan names it: schema and name, lower case, unquoted
 * identifiers only; a name without a schema is in {@code public}.
 */
public record TableName(String schema, String name) {
  private static final Pattern IDENT = Pattern.compile("[a-z_][a-z0-9_$]{0,62}");
  public static final String DEFAULT_SCHEMA = "public";

  /** Any names as the plan reports them (a quoted mixed-case name stays as it is and so matches no entry). */
  public TableName {
    java.util.Objects.requireNonNull(schema, "schema");
    java.util.Objects.requireNonNull(name, "name");
  }

  /** {@code table} or {@code schema.table}; {@link IllegalArgumentException} says what is wrong. */
  public static TableName parse(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    int dot = t.indexOf('.');
    String schema = dot < 0 ? DEFAULT_SCHEMA : t.substring(0, dot);
    String name = t.substring(dot + 1);
    if (!IDENT.matcher(schema).matches() || !IDENT.matcher(name).matches()) {
      throw new IllegalArgumentException("'" + text + "' is not a table name (letters, digits and _, optionally"
          + " schema.table)");
    }
    return new TableName(schema, name);
  }

  @Override
  public String toString() {
    return schema + "." + name;
  }
}
