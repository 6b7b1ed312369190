/**
 * The hub's log format. The code logs through {@code java.util.logging} (SLF4J users reach it through the JDK
 * bridge); {@code text} keeps one readable line per record for a terminal, {@code json} writes one JSON object per
 * line for a log pipeline, with the owner, agent and request ids a log call carries as a
 * {@link io.aiox.worker.telemetry.LogContext}.
 */
package io.aiox.component.observability.logging;
