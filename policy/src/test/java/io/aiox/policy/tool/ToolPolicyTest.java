package io.aiox.policy.tool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aiox.policy.tool.net.AddressRange;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Defaults from the design's tool table, and the owner's overrides (docs/operations.md "Tools and policies"). */
class ToolPolicyTest {
  private static ToolPolicy defaults(String tool) {
    return ToolCatalog.find(tool).orElseThrow().defaults();
  }

  @Test
  void defaults_follow_the_tool_table() {
    assertThat(defaults(ToolCatalog.DOCUMENT_PARSER).readOnly()).isTrue();
    assertThat(defaults(ToolCatalog.SEARCH_API).rateLimitPerMinute()).isPositive();
    assertThat(defaults(ToolCatalog.SEARCH_API).allowedDomains().entries()).isEmpty();
    assertThat(defaults(ToolCatalog.CODE_EXECUTOR).requiresApproval()).isTrue();
    assertThat(defaults(ToolCatalog.CODE_EXECUTOR).sandboxRequired()).isTrue();
    assertThat(defaults(ToolCatalog.EMAIL_SENDER).requiresApproval()).isTrue();
    assertThat(defaults(ToolCatalog.EMAIL_SENDER).audit()).isTrue();
    assertThat(defaults(ToolCatalog.DATABASE_QUERY).readOnly()).isTrue();
    assertThat(defaults(ToolCatalog.DATABASE_QUERY).allowedTables()).isEmpty();
    ToolPolicy http = defaults(ToolCatalog.HTTP_REQUEST);
    assertThat(http.allowedDomains().entries()).isEmpty();
    assertThat(http.allowedAddresses()).isEmpty();
    assertThat(http.timeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(http.requiresApproval()).isFalse();
  }

  @Test
  void overrides_replace_defaults_key_by_key() {
    ToolPolicy p = defaults(ToolCatalog.HTTP_REQUEST).withOverrides(new JsonObject()
        .put("allowed_domains", new JsonArray().add("api.example.com")).put("allowed_addresses",
            new JsonArray().add("127.0.0.1")).put("requires_approval", true).put("timeout_seconds", 3)
        .put("approval_timeout_seconds", 60));
    assertThat(p.allowedDomains().matches("api.example.com")).isTrue();
    assertThat(p.allowedAddresses()).containsExactly(AddressRange.parse("127.0.0.1"));
    assertThat(p.requiresApproval()).isTrue();
    assertThat(p.timeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(p.approvalTimeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(p.maxResponseBytes()).isEqualTo(ToolPolicy.DEFAULT_MAX_RESPONSE_BYTES);
    assertThat(ToolPolicy.BASE.withOverrides(p.toJson())).isEqualTo(p);
  }

  @Test
  void refuses_unknown_keys_bad_values_and_switching_the_sandbox_off() {
    ToolPolicy http = defaults(ToolCatalog.HTTP_REQUEST);
    assertThatThrownBy(() -> http.withOverrides(new JsonObject().put("allow_all", true)))
        .isInstanceOf(PolicyInvalid.class).hasMessageContaining("'allow_all'");
    assertThatThrownBy(() -> http.withOverrides(new JsonObject().put("timeout_seconds", 0)))
        .hasMessageContaining("'timeout_seconds'");
    assertThatThrownBy(() -> http.withOverrides(new JsonObject().put("read_only", "yes")))
        .hasMessageContaining("'read_only'");
    assertThatThrownBy(() -> http.withOverrides(new JsonObject().put("allowed_addresses", new JsonArray().add("lan"))))
        .hasMessageContaining("'allowed_addresses'");
    assertThatThrownBy(() -> defaults(ToolCatalog.CODE_EXECUTOR).withOverrides(new JsonObject()
        .put("sandbox_required", false))).hasMessageContaining("'sandbox_required'");
  }

  @Test
  void arguments_are_checked_against_the_input_schema() {
    JsonObject schema = ToolCatalog.find(ToolCatalog.HTTP_REQUEST).orElseThrow().inputSchema();
    assertThat(ArgumentSchema.violation(schema, new JsonObject().put("url", "https://example.com/"))).isEmpty();
    assertThat(ArgumentSchema.violation(schema, new JsonObject())).contains("arguments.url is required");
    assertThat(ArgumentSchema.violation(schema, new JsonObject().put("url", "x").put("method", "DELETE")))
        .hasValueSatisfying(v -> assertThat(v).startsWith("arguments.method must be one of"));
    assertThat(ArgumentSchema.violation(schema, new JsonObject().put("url", "x").put("cookie", "y")))
        .contains("arguments.cookie is not an argument of this tool");
    assertThat(ArgumentSchema.violation(schema, new JsonObject().put("url", "x")
        .put("headers", new JsonObject().put("X-A", 1)))).contains("arguments.headers.X-A must be a string");
    assertThat(ArgumentSchema.violation(schema, new JsonObject().put("url", "x".repeat(2_049))))
        .contains("arguments.url must be at most 2048 characters");
  }

  @Test
  void names_the_owners_database_connection_and_refuses_a_name_that_is_no_secret_name() {
    ToolPolicy db = defaults(ToolCatalog.DATABASE_QUERY);
    assertThat(db.connection()).isEmpty();
    ToolPolicy shop = db.withOverrides(new JsonObject().put("connection", "shop-eu"));
    assertThat(shop.connection()).isEqualTo("shop-eu");
    assertThat(ToolPolicy.BASE.withOverrides(shop.toJson())).isEqualTo(shop);
    assertThatThrownBy(() -> db.withOverrides(new JsonObject().put("connection", "Shop DB")))
        .isInstanceOf(PolicyInvalid.class).hasMessageContaining("'connection'");
    assertThatThrownBy(() -> db.withOverrides(new JsonObject().put("connection", 7)))
        .hasMessageContaining("'connection'");
  }
}
