package io.aiox.web.usage;

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
    unknown(json, KEYS, WHERE);
    Object models = json.getValue("models", new JsonObject());
    if (!(models instanceof JsonObject m)) {
      throw new IllegalArgumentException(WHERE + ".models must be an object of model names, was " + models);
    }
    Map<String, ModelPrice> prices = new HashMap<>();
    for (String model : m.fieldNames()) {
      String where = WHERE + ".models." + model;
      if (!(m.getValue(model) instanceof JsonObject entry)) {
        throw new IllegalArgumentException(where + " must be an object with input_per_million and output_per_million");
      }
      unknown(entry, MODEL_KEYS, where);
      prices.put(model, new ModelPrice(price(entry, "input_per_million", where),
          price(entry, "output_per_million", where)));
    }
    Object currency = json.getValue("currency", "EUR");
    if (!(currency instanceof String c)) {
      throw new IllegalArgumentException(WHERE + ".currency must be a three-letter ISO 4217 code, was " + currency);
    }
    return new PriceTable(c, prices);
  }

  private static BigDecimal price(JsonObject entry, String key, String where) {
    Object v = entry.getValue(key);
    if (v instanceof Number n && !(n instanceof Double d && (d.isNaN() || d.isInfinite()))
        && new BigDecimal(n.toString()).signum() >= 0) {
      return new BigDecimal(n.toString());
    }
    throw new IllegalArgumentException(where + "." + key + " must be a number >= 0 (a price per million tokens), was "
        + v);
  }

  private static void unknown(JsonObject json, Set<String> keys, String where) {
    for (String key : json.fieldNames()) {
      if (!keys.contains(key)) {
        throw new IllegalArgumentException("unknown configuration key " + where + "." + key);
      }
    }
  }
}
