package io.aiox.component.observability.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aiox.schema.id.AgentId;
import io.aiox.schema.id.OwnerId;
import io.aiox.worker.telemetry.LogContext;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.Test;

class JsonLogFormatterTest {
  private final JsonLogFormatter formatter = new JsonLogFormatter();

  @Test
  void a_record_is_one_json_object_on_one_line_with_time_level_logger_and_message() {
    LogRecord record = new LogRecord(Level.INFO, "component connected");
    record.setLoggerName("io.aiox.component.xmpp.ComponentVerticle");
    record.setInstant(Instant.parse("2025-03-01T12:00:00.123Z"));
    String line = formatter.format(record);

    assertThat(line).endsWith(System.lineSeparator());
    assertThat(line.strip()).doesNotContain("\n");
    assertThat(new JsonObject(line)).isEqualTo(new JsonObject().put("timestamp", "2025-03-01T12:00:00.123Z")
        .put("level", "info").put("logger", "io.aiox.component.xmpp.ComponentVerticle")
        .put("message", "component connected"));
  }

  @Test
  void the_context_a_call_carries_becomes_owner_agent_and_request_fields() {
    OwnerId owner = new OwnerId(UUID.randomUUID());
    AgentId agent = AgentId.random();
    Logger logger = Logger.getLogger("test.context");
    LogRecord[] seen = new LogRecord[1];
    Handler capture = capture(seen);
    logger.setUseParentHandlers(false);
    logger.addHandler(capture);
    try {
      LogContext.of(owner, agent, "req-1").log(logger, Level.WARNING, "quota reservation not settled");
    } finally {
      logger.removeHandler(capture);
    }
    JsonObject json = new JsonObject(formatter.format(seen[0]));
    assertThat(json.getString("level")).isEqualTo("warn");
    assertThat(json.getString("message")).isEqualTo("quota reservation not settled");
    assertThat(json.getString("owner_id")).isEqualTo(owner.toString());
    assertThat(json.getString("agent_id")).isEqualTo(agent.toString());
    assertThat(json.getString("request_id")).isEqualTo("req-1");
    assertThat(new SimpleFormatter().formatMessage(seen[0])).as("the text format shows the message as it was")
        .isEqualTo("quota reservation not settled");
  }

  @Test
  void unknown_ids_are_left_out_rather_than_written_as_null() {
    LogRecord record = new LogRecord(Level.SEVERE, "no agent yet");
    record.setParameters(new Object[] {LogContext.of(null, null, "req-2")});
    JsonObject json = new JsonObject(formatter.format(record));
    assertThat(json.getString("level")).isEqualTo("error");
    assertThat(json.fieldNames()).contains("request_id").doesNotContain("owner_id", "agent_id");
  }

  @Test
  void an_exception_is_written_as_class_message_and_stack() {
    LogRecord record = new LogRecord(Level.WARNING, "scrape failed");
    record.setThrown(new IllegalStateException("pool closed"));
    JsonObject thrown = new JsonObject(formatter.format(record)).getJsonObject("thrown");
    assertThat(thrown.getString("class")).isEqualTo("java.lang.IllegalStateException");
    assertThat(thrown.getString("message")).isEqualTo("pool closed");
    assertThat(thrown.getString("stack")).contains("JsonLogFormatterTest.an_exception_is_written");
  }

  @Test
  void quotes_newlines_and_control_characters_in_a_message_stay_inside_one_valid_line() {
    LogRecord record = new LogRecord(Level.INFO, "he said \"hi\"\nthen\tleft \u0001");
    String line = formatter.format(record);
    assertThat(line.strip()).doesNotContain("\n");
    assertThat(new JsonObject(line).getString("message")).isEqualTo("he said \"hi\"\nthen\tleft \u0001");
  }

  @Test
  void levels_map_to_the_names_log_pipelines_use() {
    assertThat(JsonLogFormatter.level(Level.SEVERE)).isEqualTo("error");
    assertThat(JsonLogFormatter.level(Level.WARNING)).isEqualTo("warn");
    assertThat(JsonLogFormatter.level(Level.INFO)).isEqualTo("info");
    assertThat(JsonLogFormatter.level(Level.CONFIG)).isEqualTo("debug");
    assertThat(JsonLogFormatter.level(Level.FINE)).isEqualTo("debug");
    assertThat(JsonLogFormatter.level(Level.FINEST)).isEqualTo("trace");
  }

  @Test
  void the_format_is_text_or_json_and_anything_else_names_its_key() {
    assertThat(LogFormat.fromJson(new JsonObject())).isEqualTo(LogFormat.TEXT);
    assertThat(LogFormat.fromJson(new JsonObject().put("format", "JSON"))).isEqualTo(LogFormat.JSON);
    assertThatThrownBy(() -> LogFormat.fromJson(new JsonObject().put("format", "xml")))
        .hasMessage("logging.format must be text or json, was xml");
    assertThatThrownBy(() -> LogFormat.fromJson(new JsonObject().put("level", "info")))
        .hasMessageStartingWith("unknown configuration key logging.level (known: ");
  }

  private static Handler capture(LogRecord[] seen) {
    return new Handler() {
      @Override
      public void publish(LogRecord record) {
        seen[0] = record;
      }

      @Override
      public void flush() { }

      @Override
      public void close() { }
    };
  }
}
