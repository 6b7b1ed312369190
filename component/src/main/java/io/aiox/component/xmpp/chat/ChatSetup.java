package io.aiox.component.xmpp.chat;

import io.aiox.component.cluster.TurnWatch;
import io.aiox.component.cluster.WorkerChoice;
import io.aiox.component.xmpp.a2a.AgentToAgent;
import io.aiox.component.xmpp.xep0363.FilesToMemory;
import io.aiox.policy.quota.Quotas;
import io.aiox.schema.audit.AuditLog;
import io.aiox.schema.execution.ExecutionRepository;
import io.aiox.worker.telemetry.Metrics;
import io.aiox.worker.telemetry.Tracing;
import io.vertx.core.eventbus.EventBus;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.xmpp.packet.Packet;

/**
 * What a {@link ChatHandler} is built from. {@code out}: where its stanzas go; {@code turnTimeout}: how long a turn
 * may take; {@code hubDomain}: the users' domain (senders from any other domain also count against their domain's
 * quota); {@code executions}: where a repeated request or a stop looks for the sender's turn, on whichever instance it
 * runs; {@code metrics} and {@code tracing}: where turns, tokens, refusals and spans go; {@code files}: takes files
 * sent to an agent into its memory instead of running a turn (rfc section 6.3; none: a file is a message like any);
 * {@code progressive}: shows answers as they are written to clients that take corrections (rfc section 6.2; none:
 * every answer is one message); {@code watch}: on a clustered bus, ends the turns of a worker node that leaves with
 * a text; {@code workers}: which worker a turn goes to among those serving its model, by their free slots.
 */
public record ChatSetup(EventBus bus, Consumer<Packet> out, Duration turnTimeout, Quotas quotas, AuditLog audit,
                        String hubDomain, AgentToAgent a2a, ExecutionRepository executions, Metrics metrics,
                        Tracing tracing, Optional<FilesToMemory> files, Optional<ProgressiveAnswers> progressive,
                        TurnWatch watch, WorkerChoice workers) {
  public ChatSetup {
    Objects.requireNonNull(bus, "bus");
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(turnTimeout, "turnTimeout");
    Objects.requireNonNull(quotas, "quotas");
    Objects.requireNonNull(audit, "audit");
    Objects.requireNonNull(hubDomain, "hubDomain");
    Objects.requireNonNull(a2a, "a2a");
    Objects.requireNonNull(executions, "executions");
    Objects.requireNonNull(metrics, "metrics");
    Objects.requireNonNull(tracing, "tracing");
    Objects.requireNonNull(files, "files");
    Objects.requireNonNull(progressive, "progressive");
    Objects.requireNonNull(watch, "watch");
    Objects.requireNonNull(workers, "workers");
  }

  /** With nothing added: no metrics or spans, files are messages, one message per answer, no cluster. */
  public static ChatSetup of(EventBus bus, Consumer<Packet> out, Duration turnTimeout, Quotas quotas,
                             AuditLog audit, String hubDomain, AgentToAgent a2a, ExecutionRepository executions) {
    return new ChatSetup(bus, out, turnTimeout, quotas, audit, hubDomain, a2a, executions, Metrics.NONE,
        Tracing.NONE, Optional.empty(), Optional.empty(), TurnWatch.none(), WorkerChoice.none());
  }
}
