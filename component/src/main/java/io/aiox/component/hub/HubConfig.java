package io.aiox.component.hub;

import io.aiox.component.observability.ObservabilityConfig;
import io.aiox.component.observability.logging.LogFormat;
import io.aiox.policy.access.FederationConfig;
import io.aiox.policy.crypto.SecurityConfig;
import io.aiox.policy.quota.QuotaDefaults;
import io.aiox.schema.DatabaseConfig;
import io.aiox.worker.memory.MemoryOptions;
import io.aiox.worker.model.ModelRegistry;
import io.aiox.worker.tool.ToolsConfig;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * The hub's configuration file (JSON): sections {@code xmpp}, {@code database}, {@code redis}, {@code inference},
 * {@code quota}, {@code security}, {@code federation}, {@code memory}, {@code observability}, {@code logging},
 * {@code tools}.
 */
public record HubConfig(XmppConfig xmpp, DatabaseConfig database, String redisUri, ModelRegistry models,
                        QuotaDefaults quota, SecurityConfig security, FederationConfig federation,
                        MemoryOptions memory, ObservabilityConfig observability, LogFormat logFormat,
                        ToolsConfig tools) {
  private static final Set<String> SECTIONS = Set.of("xmpp", "database", "redis", "inference", "quota", "security",
      "federation", "memory", "observability", "logging", "tools");

  /** Reads and validates the file; every problem names the file and the key. */
  public static HubConfig load(Path file) {
    try {
      return fromJson(new JsonObject(Files.readString(file)));
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read configuration " + file + ": " + e.getMessage(), e);
    } catch (DecodeException e) {
      throw new IllegalArgumentException("configuration " + file + " is not valid JSON: " + e.getMessage(), e);
    } catch (IllegalArgumentException | ClassCastException e) {
      throw new IllegalArgumentException("configuration " + file + ": " + e.getMessage(), e);
    }
  }

  public static HubConfig fromJson(JsonObject json) {
    for (String key : json.fieldNames()) {
      if (!SECTIONS.contains(key)) {
        throw new IllegalArgumentException("unknown configuration key " + key);
      }
    }
    JsonObject redis = json.getJsonObject("redis", new JsonObject());
    for (String key : redis.fieldNames()) {
      if (!key.equals("uri")) {
        throw new IllegalArgumentException("unknown configuration key redis." + key);
      }
    }
    String redisUri = redis.getString("uri", "redis://127.0.0.1:6379");
    if (!redisUri.startsWith("redis://") && !redisUri.startsWith("rediss://")) {
      throw new IllegalArgumentException("redis.uri must start with redis:// or rediss://, was " + redisUri);
    }
    return new HubConfig(XmppConfig.fromJson(json.getJsonObject("xmpp", new JsonObject())),
        DatabaseConfig.fromJson(json.getJsonObject("database", new JsonObject())), redisUri,
        ModelRegistry.fromJson(json.getJsonObject("inference", new JsonObject())),
        QuotaDefaults.fromJson(json.getJsonObject("quota", new JsonObject())),
        SecurityConfig.fromJson(json.getJsonObject("security", new JsonObject())),
        FederationConfig.fromJson(json.getJsonObject("federation", new JsonObject())),
        MemoryOptions.fromJson(json.getJsonObject("memory", new JsonObject())),
        ObservabilityConfig.fromJson(json.getJsonObject("observability", new JsonObject())),
        LogFormat.fromJson(json.getJsonObject("logging", new JsonObject())),
        ToolsConfig.fromJson(json.getJsonObject("tools", new JsonObject())));
  }
}
