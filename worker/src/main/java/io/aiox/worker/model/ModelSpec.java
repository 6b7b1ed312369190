package io.aiox.worker.model;

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

  static ModelSpec fromJson(String name, JsonObject json) {
    String where = "inference.models." + name;
    for (String key : json.fieldNames()) {
      if (!KEYS.contains(key)) {
        throw new IllegalArgumentException("unknown configuration key " + where + "." + key);
      }
    }
    String p = json.getString("provider", "local");
    Provider provider = switch (p) {
      case "local" -> Provider.LOCAL;
      case "openai" -> Provider.OPENAI;
      case "anthropic" -> Provider.ANTHROPIC;
      default -> throw new IllegalArgumentException(where + ".provider must be local, openai or anthropic, was " + p);
    };
    Optional<Path> path = Optional.ofNullable(json.getString("path")).map(Path::of);
    Optional<String> baseUrl = Optional.ofNullable(json.getString("base_url"));
    Optional<String> remote = Optional.ofNullable(json.getString("model"));
    if (provider == Provider.LOCAL && path.isEmpty()) {
      throw new IllegalArgumentException(where + ".path is required for a local model (a GGUF file)");
    }
    if (provider == Provider.OPENAI && baseUrl.isEmpty()) {
      throw new IllegalArgumentException(where + ".base_url is required for an openai model");
    }
    if (provider != Provider.LOCAL && remote.isEmpty()) {
      throw new IllegalArgumentException(where + ".model (the provider's model name) is required");
    }
    int context = positive(json, "context_size", 4096, where);
    int threads = positive(json, "threads", Math.max(1, Runtime.getRuntime().availableProcessors()), where);
    int slots = positive(json, "slots", 4, where);
    int timeout = positive(json, "timeout_seconds", DEFAULT_TIMEOUT_SECONDS, where);
    return new ModelSpec(name, provider, path, context, threads, slots, baseUrl, remote,
        Optional.ofNullable(json.getString("api_key_env")), timeout, json.getBoolean("demo", false),
        positive(json, "tool_string_max", DEFAULT_TOOL_STRING_MAX, where));
  }

  private static int positive(JsonObject json, String key, int fallback, String where) {
    Integer v = json.getInteger(key);
    if (v == null) {
      return fallback;
    }
    if (v < 1) {
      throw new IllegalArgumentException(where + "." + key + " must be at least 1, was " + v);
    }
    return v;
  }
}
