package io.aiox.web.usage;

import io.aiox.config.ConfigSection;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The operator's prices ({@code web.prices}): {@code {"currency": "EUR", "models": {"<model>": {"input_per_million":
 * x, "output_per_million": y}}}}, model names as in {@code inference.models}. Costs are estimates: the tokens
 * stored for each turn times these prices. A model without a price has no cost (shown as unpriced).
 */
public record PriceTable(String currency, Map<String, ModelPrice> models) {
  public static final PriceTable NONE = new PriceTable("EUR", Map.of());
  private static final String WHERE = "web.prices";
  private static final Set<String> KEYS = Set.of("currency", "models");
  private static final Set<String> MODEL_KEYS = Set.of("input_per_million", "output_per_million");

  public PriceTable {
    if (currency == null || !currency.matches("[A-Z]{3}")) {
      throw new IllegalArgumentException(WHERE + ".currency must be a three-letter ISO 4217 code such as EUR, was "
          + currency);
    }
    models = Map.copyOf(models);
  }

  public Optional<ModelPrice> of(String model) {
    return Optional.ofNullable(models.get(model));
  }

  /** Reads {@code web.prices}; unknown keys and prices that are not numbers >= 0 fail naming the key. */
  public static PriceTable fromJson(JsonObject json) {
    ConfigSection s = ConfigSection.of(WHERE, json, KEYS);
    JsonObject listed = s.object("models");
    ConfigSection models = ConfigSection.of(WHERE + ".models", listed, listed.fieldNames());
    Map<String, ModelPrice> prices = new HashMap<>();
    for (String model : listed.fieldNames()) {
      ConfigSection entry = ConfigSection.of(models.name(model), models.object(model), MODEL_KEYS);
      prices.put(model, new ModelPrice(price(entry, "input_per_million"), price(entry, "output_per_million")));
    }
    return new PriceTable(s.string("currency", "EUR"), prices);
  }

  private static BigDecimal price(ConfigSection entry, String key) {
    double v = entry.number(key, -1);
    if (v < 0) {
      throw entry.bad(key, "must be a number >= 0 (a price per million tokens)");
    }
    return new BigDecimal(Double.toString(v));
  }
}
