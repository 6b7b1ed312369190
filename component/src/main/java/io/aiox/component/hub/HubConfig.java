package io.aiox.component.hub;

import io.aiox.config.ConfigSection;
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
    ConfigSection top = ConfigSection.of("", json, SECTIONS);
    String redisUri = top.section("redis", Set.of("uri")).string("uri", "redis://127.0.0.1:6379");
    if (!redisUri.startsWith("redis://") && !redisUri.startsWith("rediss://")) {
      throw new IllegalArgumentException("redis.uri must start with redis:// or rediss://, was " + redisUri);
    }
    return new HubConfig(XmppConfig.fromJson(top.object("xmpp")),
        DatabaseConfig.fromJson(top.object("database")), redisUri,
        ModelRegistry.fromJson(top.object("inference")),
        QuotaDefaults.fromJson(top.object("quota")),
        SecurityConfig.fromJson(top.object("security")),
        FederationConfig.fromJson(top.object("federation")),
        MemoryOptions.fromJson(top.object("memory")),
        ObservabilityConfig.fromJson(top.object("observability")),
        LogFormat.fromJson(top.object("logging")),
        ToolsConfig.fromJson(top.object("tools"), System::getenv),
        AgentsConfig.fromJson(top.object("agents")),
        ConsoleConfig.fromJson(top.object("web")),
        ClusterConfig.fromJson(top.object("cluster")));
  }
}
