package io.aiox.worker.model;

import io.aiox.config.ConfigSection;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One configured model. {@code local}: a GGUF file, its context size, threads and parallel slots. {@code openai}:
 * an OpenAI-compatible endpoint (LM Studio, Ollama, vLLM, llama.cpp server, OpenAI). {@code anthropic}: the
 * Anthropic API. API keys are never in the configuration file: {@code api_key_env} names the environment variable.
 */
public record ModelSpec(String name, Provider provider, Optional<Path> path, int contextSize, int threads, int slots,
                        Optional<String> baseUrl, Optional<String> remoteModel, Optional<String> apiKeyEnv,
                        int timeoutSeconds, boolean demo, int toolStringMax) {
  /** A turn's deadline when the model sets no {@code timeout_seconds}. */
  public static final int DEFAULT_TIMEOUT_SECONDS = 120;
  private static final Set<String> KEYS = Set.of("provider", "path", "context_size", "threads", "slots", "base_url",
      "model", "api_key_env", "timeout_seconds", "demo", "tool_string_max");
  /** The longest string a local model may write in a tool call's arguments, unless its entry says otherwise. */
  public static final int DEFAULT_TOOL_STRING_MAX = 4_096;

  /** Without a bound of its own on tool-call strings. */
  public ModelSpec(String name, Provider provider, Optional<Path> path, int contextSize, int threads, int slots,
                   Optional<String> baseUrl, Optional<String> remoteModel, Optional<String> apiKeyEnv,
                   int timeoutSeconds, boolean demo) {
    this(name, provider, path, contextSize, threads, slots, baseUrl, remoteModel, apiKeyEnv, timeoutSeconds, demo,
        DEFAULT_TOOL_STRING_MAX);
  }

  public ModelSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(provider, "provider");
  }

  /** Where a model runs. */
  public enum Provider { LOCAL, OPENAI, ANTHROPIC }

  static ModelSpec fromJson(String name, JsonObject json, int defaultThreads) {
    String where = "inference.models." + name;
    ConfigSection s = ConfigSection.of(where, json, KEYS);
    String p = s.string("provider", "local");
    Provider provider = switch (p) {
      case "local" -> Provider.LOCAL;
      case "openai" -> Provider.OPENAI;
      case "anthropic" -> Provider.ANTHROPIC;
      default -> throw s.bad("provider", "must be local, openai or anthropic, was " + p);
    };
    Optional<Path> path = s.string("path").map(Path::of);
    Optional<String> baseUrl = s.string("base_url");
    Optional<String> remote = s.string("model");
    if (provider == Provider.LOCAL && path.isEmpty()) {
      throw s.bad("path", "is required for a local model (a GGUF file)");
    }
    if (provider == Provider.OPENAI && baseUrl.isEmpty()) {
      throw s.bad("base_url", "is required for an openai model");
    }
    if (provider != Provider.LOCAL && remote.isEmpty()) {
      throw s.bad("model", "(the provider's model name) is required");
    }
    return new ModelSpec(name, provider, path, s.integer("context_size", 4096, 1, Integer.MAX_VALUE),
        s.integer("threads", defaultThreads, 1, Integer.MAX_VALUE), s.integer("slots", 4, 1, Integer.MAX_VALUE), baseUrl,
        remote, s.string("api_key_env"), s.integer("timeout_seconds", DEFAULT_TIMEOUT_SECONDS, 1, Integer.MAX_VALUE),
        s.bool("demo", false), s.integer("tool_string_max", DEFAULT_TOOL_STRING_MAX, 1, Integer.MAX_VALUE));
  }
}
