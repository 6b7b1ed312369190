package io.aiox.component.hub;

import io.aiox.component.observability.ObservabilityConfig;
import io.aiox.component.observability.logging.LogFormat;
import io.aiox.policy.access.FederationConfig;
import io.aiox.policy.crypto.SecurityConfig;
import io.aiox.policy.quota.QuotaDefaults;
import io.aiox.schema.DatabaseConfig;
import io.aiox.web.ConsoleConfig;
import io.aiox.worker.memory.MemoryOptions;
import io.aiox.worker.model.ModelRegistry;
import io.aiox.worker.tool.ToolsConfig;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The hub's configuration file (JSON): sections {@code xmpp}, {@code database}, {@code redis}, {@code inference},
 * {@code quota}, {@code security}, {@code federation}, {@code memory}, {@code observability}, {@code logging},
 * {@code tools} (one subsection per catalog tool that has operator settings), {@code agents} (self-service limits), {@code web} (the console), {@code cluster} (a clustered event bus and this node's role); read from the operator's file laid
 * over the generated one ({@link ConfigLayers}).
 */
public record HubConfig(XmppConfig xmpp, DatabaseConfig database, String redisUri, ModelRegistry models,
                        QuotaDefaults quota, SecurityConfig security, FederationConfig federation,
                        MemoryOptions memory, ObservabilityConfig observability, LogFormat logFormat,
                        ToolsConfig tools, AgentsConfig agents, ConsoleConfig web, ClusterConfig cluster) {
  private static final Set<String> SECTIONS = Set.of("xmpp", "database", "redis", "inference", "quota", "security",
      "federation", "memory", "observability", "logging", "tools", "agents", "web", "cluster");

  /**
   * Reads and validates the file, laid over the generated file beside it when there is one ({@link ConfigLayers});
   * every problem names the files and the key.
   */
  public static HubConfig load(Path file) {
    return load(ConfigLayers.read(file));
  }

  /** Validates the merged layers the way start-up does. */
  public static HubConfig load(ConfigLayers files) {
    try {
      HubConfig config = fromJson(files.merged());
      // Sandboxed programs must not see the configuration files' folders (var/) or the master key, wherever they are.
      List<Path> own = new ArrayList<>();
      files.layers().forEach(l -> own.add(l.file().toAbsolutePath().getParent()));
      Optional.ofNullable(config.security().masterKeyFile()).ifPresent(own::add);
      return new HubConfig(config.xmpp, config.database, config.redisUri, config.models, config.quota,
          config.security, config.federation, config.memory, config.observability, config.logFormat,
          config.tools.hiding(own), config.agents, config.web, config.cluster);
    } catch (IllegalArgumentException | ClassCastException e) {
      throw new IllegalArgumentException("configuration " + files.describe() + ": " + e.getMessage(), e);
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
        ToolsConfig.fromJson(json.getJsonObject("tools", new JsonObject()), System::getenv),
        AgentsConfig.fromJson(json.getJsonObject("agents", new JsonObject())),
        ConsoleConfig.fromJson(json.getJsonObject("web", new JsonObject())),
        ClusterConfig.fromJson(json.getJsonObject("cluster", new JsonObject())));
  }
}
