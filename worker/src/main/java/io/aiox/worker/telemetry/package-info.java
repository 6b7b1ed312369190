/**
 * What the hub reports about itself, without tying the code that reports it to a metrics or tracing library: the
 * {@link io.aiox.worker.telemetry.Metrics} facade (its Prometheus implementation lives with the hub), the
 * {@link io.aiox.worker.telemetry.Tracing} of a turn's stages (OpenTelemetry API; the SDK that exports over OTLP
 * lives with the hub, the context crosses the event bus as a W3C {@code traceparent} header) and the
 * {@link io.aiox.worker.telemetry.LogContext} a log call carries so that structured logs name the agent, the owner
 * and the request. Label values are closed sets, never user or agent ids, so the number of series stays bounded.
 */
package io.aiox.worker.telemetry;
