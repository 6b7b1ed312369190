package io.aiox.worker.telemetry;

import io.aiox.schema.id.AgentId;
import io.aiox.schema.id.OwnerId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Whom a log line is about: the owner, the agent and the request id (each may be unknown). It travels as the log
 * record's parameter, so the JSON log format writes it as fields while the text format, which has no placeholder
 * for it, leaves the line as it was. It holds ids only: never a message body or a secret.
 */
public record LogContext(OwnerId owner, AgentId agent, String requestId) {
  public static LogContext of(OwnerId owner, AgentId agent, String requestId) {
    return new LogContext(owner, agent, requestId);
  }

  /** The known ids under their log field names ({@code owner_id}, {@code agent_id}, {@code request_id}). */
  public Map<String, String> fields() {
    Map<String, String> fields = new LinkedHashMap<>();
    if (owner != null) {
      fields.put("owner_id", owner.toString());
    }
    if (agent != null) {
      fields.put("agent_id", agent.toString());
    }
    if (requestId != null) {
      fields.put("request_id", requestId);
    }
    return fields;
  }

  public void log(Logger logger, Level level, String message) {
    log(logger, level, message, null);
  }

  /** Logs {@code message} (and {@code thrown}, if not null) with this context attached. */
  public void log(Logger logger, Level level, String message, Throwable thrown) {
    if (!logger.isLoggable(level)) {
      return;
    }
    LogRecord record = new LogRecord(level, message);
    record.setLoggerName(logger.getName());
    record.setParameters(new Object[] {this});
    record.setThrown(thrown);
    logger.log(record);
  }

  /** The context a record carries, if any. */
  public static Optional<LogContext> in(LogRecord record) {
    Object[] parameters = record.getParameters();
    if (parameters != null) {
      for (Object p : parameters) {
        if (p instanceof LogContext context) {
          return Optional.of(context);
        }
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return fields().toString();
  }
}
