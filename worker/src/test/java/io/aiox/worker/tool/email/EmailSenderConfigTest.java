package io.aiox.worker.tool.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aiox.worker.tool.ToolsConfig;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The tools.email_sender section: TLS by default, every bad key named (docs/operations.md, email_sender). */
class EmailSenderConfigTest {
  private static JsonObject minimal() {
    return new JsonObject().put("host", "smtp.example.com").put("from", "agents@example.com");
  }

  @Test
  void requires_tls_by_default_and_reads_the_documented_defaults() {
    EmailSenderConfig c = EmailSenderConfig.fromJson(minimal());
    assertThat(c.configured()).isTrue();
    assertThat(c.port()).isEqualTo(587);
    assertThat(c.allowPlaintext()).isFalse();
    assertThat(c.implicitTls()).isFalse();
    assertThat(c.maxRecipients()).isEqualTo(10);
    assertThat(c.timeout().toSeconds()).isEqualTo(30);
    assertThat(EmailSenderConfig.fromJson(minimal().put("implicit_tls", true)).port()).isEqualTo(465);
    assertThat(EmailSenderConfig.fromJson(new JsonObject()).configured()).isFalse();
  }

  @Test
  void names_the_key_of_every_mistake() {
    assertThatThrownBy(() -> EmailSenderConfig.fromJson(minimal().put("starttls", false)))
        .hasMessageContaining("unknown configuration key tools.email_sender.starttls");
    assertThatThrownBy(() -> EmailSenderConfig.fromJson(new JsonObject().put("from", "a@example.com")))
        .hasMessageContaining("tools.email_sender.host is required");
    assertThatThrownBy(() -> EmailSenderConfig.fromJson(minimal().put("from", "agents")))
        .hasMessageContaining("tools.email_sender.from");
    assertThatThrownBy(() -> EmailSenderConfig.fromJson(minimal().put("username", "bot")))
        .hasMessageContaining("tools.email_sender.password_env and tools.email_sender.username go together");
    assertThatThrownBy(() -> EmailSenderConfig.fromJson(minimal().put("max_recipients", 51)))
        .hasMessageContaining("tools.email_sender.max_recipients must be a whole number 1..50");
    assertThatThrownBy(() -> EmailSenderConfig.fromJson(minimal().put("trust_file", "/nonexistent/ca.pem")))
        .hasMessageContaining("tools.email_sender.trust_file cannot be read");
    assertThatThrownBy(() -> ToolsConfig.fromJson(new JsonObject().put("search_engine", new JsonObject())))
        .hasMessageContaining("unknown configuration key tools.search_engine");
  }

  @Test
  void reads_the_password_from_the_named_environment_variable_only() {
    EmailSenderConfig c = EmailSenderConfig.fromJson(minimal().put("username", "bot").put("password_env",
        "AIOX_SMTP_PASSWORD"));
    assertThat(c.password(Map.of("AIOX_SMTP_PASSWORD", "s3cret"))).contains("s3cret");
    assertThatThrownBy(() -> c.password(Map.of())).hasMessage("tools.email_sender.password_env names"
        + " AIOX_SMTP_PASSWORD, which is not set in the hub's environment");
    assertThat(c.toString()).doesNotContain("s3cret");
  }
}
