package io.aiox.worker.tool;

import io.aiox.worker.tool.database.DatabaseQueryConfig;
import io.aiox.worker.tool.email.EmailSenderConfig;
import io.vertx.core.json.JsonObject;
import java.util.Set;

/**
 * The {@code tools} section of the hub configuration: one sub-section per built tool that needs the operator's
 * settings ({@code tools.email_sender}, {@code tools.database_query}). A tool whose sub-section is absent says so when called.
 */
public record ToolsConfig(EmailSenderConfig emailSender, DatabaseQueryConfig databaseQuery) {
  public static final ToolsConfig NONE = new ToolsConfig(EmailSenderConfig.NOT_CONFIGURED,
      DatabaseQueryConfig.DEFAULTS);
  private static final Set<String> KEYS = Set.of("email_sender", "database_query");

  /** Reads the section; unknown tools and keys are refused by their full names. */
  public static ToolsConfig fromJson(JsonObject json) {
    ConfigSection.of("tools", json, KEYS);
    return new ToolsConfig(EmailSenderConfig.fromJson(section(json, "email_sender")),
        DatabaseQueryConfig.fromJson(section(json, "database_query")));
  }

  private static JsonObject section(JsonObject json, String key) {
    Object v = json.getValue(key);
    if (v != null && !(v instanceof JsonObject)) {
      throw new IllegalArgumentException("tools." + key + " must be an object, was " + v);
    }
    return v == null ? new JsonObject() : (JsonObject) v;
  }
}
