package io.aiox.worker.model;

import io.aiox.config.ConfigSection;
import io.aiox.worker.inference.qos.QosWeights;
import io.vertx.core.json.JsonObject;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The models of a hub by name, from the {@code inference} configuration section. An agent names one model (and
 * optionally fallbacks); names are checked when the agent is created or switched, never first at a message.
 */
public final class ModelRegistry {
  private static final Set<String> KEYS = Set.of("default_model", "models", "queue_limit", "serve_turns", "qos", "threads",
      "tools");

  private final Map<String, ModelSpec> models;
  private final String defaultModel;
  private final int queueLimit;
  private final boolean serveTurns;
  private final QosWeights qos;
  private ToolLimits tools = ToolLimits.DEFAULTS;

  public ModelRegistry(Map<String, ModelSpec> models, String defaultModel, int queueLimit) {
    this(models, defaultModel, queueLimit, true);
  }

  public ModelRegistry(Map<String, ModelSpec> models, String defaultModel, int queueLimit, boolean serveTurns) {
    this(models, defaultModel, queueLimit, serveTurns, QosWeights.DEFAULTS);
  }

  public ModelRegistry(Map<String, ModelSpec> models, String defaultModel, int queueLimit, boolean serveTurns,
                       QosWeights qos) {
    this.serveTurns = serveTurns;
    this.qos = Objects.requireNonNull(qos, "qos");
    this.models = Collections.unmodifiableMap(new LinkedHashMap<>(models));
    this.defaultModel = defaultModel;
    this.queueLimit = queueLimit;
    if (!models.isEmpty() && !models.containsKey(defaultModel)) {
      throw new IllegalArgumentException("inference.default_model " + defaultModel + " is not among the models "
          + models.keySet());
    }
  }

  public static ModelRegistry empty() {
    return new ModelRegistry(Map.of(), "", 32);
  }

  public static ModelRegistry fromJson(JsonObject json) {
    ConfigSection s = ConfigSection.of("inference", json, KEYS);
    Map<String, ModelSpec> models = new LinkedHashMap<>();
    // the llama.cpp threads of every local model that names none: the CPU count, unless several workers share it
    int threads = s.integer("threads", Math.max(1, Runtime.getRuntime().availableProcessors()), 1,
        Integer.MAX_VALUE);
    JsonObject listed = s.object("models");
    // every name is a key of its own: the section only checks that each entry is an object
    ConfigSection entries = ConfigSection.of("inference.models", listed, listed.fieldNames());
    for (String name : listed.fieldNames()) {
      if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
        throw new IllegalArgumentException("model name " + name + " must be letters, digits, '.', '_' or '-'");
      }
      models.put(name, ModelSpec.fromJson(name, entries.object(name), threads));
    }
    String first = models.isEmpty() ? "" : models.keySet().iterator().next();
    ModelRegistry registry = new ModelRegistry(models, s.string("default_model", first),
        s.integer("queue_limit", 32, 1, Integer.MAX_VALUE), s.bool("serve_turns", true),
        QosWeights.fromJson(s.object("qos")));
    registry.tools = ToolLimits.fromJson(s.object("tools"));
    return registry;
  }


  /** The bounds of a turn's tool use ({@code inference.tools}). */
  public ToolLimits tools() {
    return tools;
  }

  /**
   * How long a component waits for a turn's answer: the longest a turn may run on this hub (the slowest model's
   * {@code timeout_seconds}, or a turn with tools), and a margin for the reply to travel.
   */
  public java.time.Duration turnDeadline() {
    int longest = Math.max(tools.maxSeconds(), models.values().stream().mapToInt(ModelSpec::timeoutSeconds).max()
        .orElse(120));
    return java.time.Duration.ofSeconds(longest + 15L);
  }

  public Set<String> names() {
    return models.keySet();
  }

  public Optional<ModelSpec> get(String name) {
    return Optional.ofNullable(models.get(name));
  }

  /** The model an agent without one runs on; empty string when no model is configured. */
  public String defaultModel() {
    return defaultModel;
  }

  /** The weights that order a model's waiting turns ({@code inference.qos}). */
  public QosWeights qos() {
    return qos;
  }

  /** Turns waiting per model beyond the running ones before new turns are refused with resource-constraint. */
  public int queueLimit() {
    return queueLimit;
  }

  /**
   * Whether this hub runs the inference verticle. A hub that only holds the XMPP link (inference on other nodes of
   * a clustered event bus) sets {@code serve_turns: false}; its registry still validates model names.
   */
  public boolean serveTurns() {
    return serveTurns;
  }

  /** The model an agent's {@code llm_config} names, or the default. */
  public String modelOf(JsonObject llmConfig) {
    String m = llmConfig.getString("model");
    return m == null || m.isBlank() ? defaultModel : m;
  }
}
