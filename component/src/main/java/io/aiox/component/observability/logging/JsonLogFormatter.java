package io.aiox.component.observability.logging;

import io.aiox.worker.telemetry.LogContext;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.format.DateTimeFormatter;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * One JSON object per line: {@code timestamp} (UTC, ISO-8601), {@code level} ({@code error}, {@code warn},
 * {@code info}, {@code debug}, {@code trace}), {@code logger}, {@code message}, the ids of a
 * {@link LogContext} the call carried ({@code owner_id}, {@code agent_id}, {@code request_id}), and {@code thrown}
 * ({@code class}, {@code message}, {@code stack}) when an exception was logged. It writes only what the call
 * logged: AIOX's log calls name ids, never message bodies or secrets.
 */
public final class JsonLogFormatter extends Formatter {
  @Override
  public String format(LogRecord record) {
    JsonObject line = new JsonObject()
        .put("timestamp", DateTimeFormatter.ISO_INSTANT.format(record.getInstant()))
        .put("level", level(record.getLevel()))
        .put("logger", record.getLoggerName())
        .put("message", formatMessage(record));
    LogContext.in(record).ifPresent(context -> context.fields().forEach(line::put));
    if (record.getThrown() != null) {
      line.put("thrown", thrown(record.getThrown()));
    }
    return line.encode() + System.lineSeparator();
  }

  /** The names log pipelines expect; CONFIG and FINE are both debug detail. */
  static String level(Level level) {
    int value = level.intValue();
    if (value >= Level.SEVERE.intValue()) {
      return "error";
    }
    if (value >= Level.WARNING.intValue()) {
      return "warn";
    }
    if (value >= Level.INFO.intValue()) {
      return "info";
    }
    return value >= Level.FINE.intValue() ? "debug" : "trace";
  }

  private static JsonObject thrown(Throwable thrown) {
    StringWriter stack = new StringWriter();
    try (PrintWriter out = new PrintWriter(stack)) {
      thrown.printStackTrace(out);
    }
    return new JsonObject().put("class", thrown.getClass().getName()).put("message", thrown.getMessage())
        .put("stack", stack.toString());
  }
}
