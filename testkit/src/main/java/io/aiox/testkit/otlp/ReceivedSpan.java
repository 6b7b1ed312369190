package io.aiox.testkit.otlp;

import java.time.Duration;
import java.util.Map;

/**
 * One span as a collector received it: ids in lower-case hex ({@code parentSpanId} empty for a root), times in
 * Unix nanoseconds, attributes by key (strings, booleans, longs or doubles), the status code's OTLP name
 * ({@code STATUS_CODE_UNSET}, {@code STATUS_CODE_OK}, {@code STATUS_CODE_ERROR}) and the resource's service name.
 */
public record ReceivedSpan(String serviceName, String traceId, String spanId, String parentSpanId, String name,
                           String kind, long startNanos, long endNanos, Map<String, Object> attributes,
                           String statusCode, String statusMessage) {
  public Duration duration() {
    return Duration.ofNanos(endNanos - startNanos);
  }

  public boolean isRoot() {
    return parentSpanId.isEmpty();
  }

  public boolean isError() {
    return statusCode.equals("STATUS_CODE_ERROR");
  }
}
