/**
 * How an operator sees a running hub: the Prometheus exposition of its metrics (Micrometer, with Vert.x's and the
 * JVM's own meters beside the {@code aiox_*} ones), liveness and readiness checks, on one HTTP listener that the
 * {@code observability} configuration section places (loopback by default). Readiness asks each dependency the hub
 * needs to serve a turn; errors are {@code application/problem+json} (RFC 9457). When
 * {@code observability.tracing} enables it, each turn is also an OpenTelemetry trace, exported over OTLP/HTTP.
 */
package io.aiox.component.observability;
