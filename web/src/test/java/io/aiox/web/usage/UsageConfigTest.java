package io.aiox.web.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aiox.web.ConsoleConfig;
import io.aiox.web.http.ConsoleRoutes;
import io.aiox.web.http.OpenApiRoutes;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UsageConfigTest {
  @Test
  void prices_estimate_cost_per_million_prompt_and_completion_tokens() {
    PriceTable prices = ConsoleConfig.fromJson(new JsonObject().put("prices", new JsonObject().put("currency", "USD")
        .put("models", new JsonObject().put("demo", new JsonObject().put("input_per_million", 0.5)
            .put("output_per_million", 2))))).prices();
    assertThat(prices.currency()).isEqualTo("USD");
    assertThat(prices.of("demo").orElseThrow().cost(2_000_000, 500_000)).isEqualByComparingTo(new BigDecimal("2"));
    assertThat(prices.of("other")).isEmpty();
  }

  @Test
  void a_bad_price_or_unknown_key_fails_naming_the_key() {
    assertThatThrownBy(() -> PriceTable.fromJson(new JsonObject().put("models", new JsonObject()
        .put("demo", new JsonObject().put("input_per_million", -1).put("output_per_million", 1)))))
        .hasMessageContaining("web.prices.models.demo.input_per_million");
    assertThatThrownBy(() -> PriceTable.fromJson(new JsonObject().put("models", new JsonObject()
        .put("demo", new JsonObject().put("input", 1))))).hasMessageContaining("web.prices.models.demo.input");
    assertThatThrownBy(() -> PriceTable.fromJson(new JsonObject().put("currency", "euro")))
        .hasMessageContaining("web.prices.currency");
    assertThatThrownBy(() -> ConsoleConfig.fromJson(new JsonObject().put("alerts", new JsonObject()
        .put("ratio", 1.5)))).hasMessageContaining("web.alerts.ratio");
    assertThatThrownBy(() -> ConsoleConfig.fromJson(new JsonObject().put("alerts", new JsonObject()
        .put("sweep", 5)))).hasMessageContaining("web.alerts.sweep");
  }

  @Test
  void alerts_default_to_eighty_percent_every_fifteen_seconds() {
    AlertConfig alerts = ConsoleConfig.fromJson(new JsonObject()).alerts();
    assertThat(alerts.ratio()).isEqualTo(0.8);
    assertThat(alerts.sweep().toSeconds()).isEqualTo(15);
  }

  @Test
  void the_openapi_document_lists_every_usage_and_audit_route() {
    ConsoleRoutes usage = fragment("openapi/usage.json");
    ConsoleRoutes audit = fragment("openapi/audit.json");
    JsonObject paths = new OpenApiRoutes(List.of(usage, audit), "1").document().getJsonObject("paths");
    assertThat(paths.fieldNames()).contains("/api/usage", "/api/alerts", "/api/audit", "/api/audit/verify");
  }

  private static ConsoleRoutes fragment(String resource) {
    return new ConsoleRoutes() {
      @Override
      public void mount(Router router) {
      }

      @Override
      public Optional<String> openApi() {
        return Optional.of(resource);
      }
    };
  }
}
