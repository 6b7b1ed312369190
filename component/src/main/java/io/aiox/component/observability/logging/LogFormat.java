package io.aiox.component.observability.logging;

import io.aiox.config.ConfigSection;
import io.vertx.core.json.JsonObject;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.LogManager;
import java.util.logging.SimpleFormatter;

/**
 * How the hub writes its log: {@code text} (the default, for a terminal) or {@code json} (one object per line,
 * for production). Chosen by the {@code logging.format} configuration key; the environment variable
 * {@value #ENV} overrides it, so an operator can switch without editing the file.
 */
public enum LogFormat {
  TEXT, JSON;

  public static final String ENV = "AIOX_LOG_FORMAT";
  /** The text line: time, level, logger, message, then the stack trace if any. */
  public static final String TEXT_PATTERN = "%1$tFT%1$tT.%1$tLZ %4$s %3$s: %5$s%6$s%n";
  private static final Set<String> KEYS = Set.of("format");

  /** {@code text} or {@code json}, any case; anything else names the key it came from. */
  public static LogFormat parse(String value, String source) {
    try {
      return valueOf(value.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(source + " must be text or json, was " + value, e);
    }
  }

  /** The {@code logging} section. */
  public static LogFormat fromJson(JsonObject json) {
    return parse(ConfigSection.of("logging", json, KEYS).string("format", "text"), "logging.format");
  }

  /** The format the environment asks for, if it names one. */
  public static Optional<LogFormat> fromEnvironment() {
    String value = System.getenv(ENV);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(parse(value, ENV));
  }

  /** Puts this format on every handler of the root logger. */
  public void install() {
    System.setProperty("java.util.logging.SimpleFormatter.format", TEXT_PATTERN);
    for (Handler handler : LogManager.getLogManager().getLogger("").getHandlers()) {
      handler.setFormatter(formatter());
    }
  }

  private Formatter formatter() {
    return this == JSON ? new JsonLogFormatter() : new SimpleFormatter();
  }
}
