package io.aiox.worker.inference;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** The agent's {@code llm_config} sampling settings, with defaults and bounds. */
public record Sampling(double temperature, int maxTokens, double topP, List<String> stop) {
  public static final int MAX_TOKENS_CAP = 4_096;

  public Sampling {
    stop = List.copyOf(stop);
  }

  public static Sampling of(JsonObject llmConfig) {
    double temperature = llmConfig.getDouble("temperature", 0.7);
    int maxTokens = Math.min(llmConfig.getInteger("max_tokens", 256), MAX_TOKENS_CAP);
    double topP = llmConfig.getDouble("top_p", 0.95);
    List<String> stop = new ArrayList<>();
    JsonArray s = llmConfig.getJsonArray("stop", new JsonArray());
    s.forEach(v -> stop.add(String.valueOf(v)));
    if (temperature < 0 || temperature > 2 || maxTokens < 1 || topP <= 0 || topP > 1) {
      throw new IllegalArgumentException("llm_config out of range: temperature 0-2, max_tokens >= 1, top_p (0, 1]");
    }
    return new Sampling(temperature, maxTokens, topP, stop);
  }
}
