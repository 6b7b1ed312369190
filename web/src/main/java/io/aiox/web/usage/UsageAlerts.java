package io.aiox.web.usage;

import io.aiox.policy.quota.Limit;
import io.aiox.policy.quota.QuotaScope;
import io.aiox.policy.quota.QuotaStatus;
import io.aiox.policy.quota.QuotaStatus.Usage;
import io.aiox.policy.quota.Quotas;
import io.aiox.schema.usage.AlertRepository;
import io.aiox.schema.usage.RecentTurns;
import io.aiox.schema.usage.UsageAlert;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * The sweep that tells owners a limit is nearly spent. Every {@link AlertConfig#sweep()} it reads the quota standing
 * of each agent that had a turn lately; a per-minute or per-day counter (the owner's or the agent's) at or above the
 * ratio of its limit becomes an alert, recorded once per owner, counter, limit and window (the UTC day, or the clock
 * minute for per-minute limits) and only then sent to the owner over XMPP. The record is the once: several hub
 * instances may sweep, and only the one whose insert lands sends.
 */
public final class UsageAlerts {
  private static final Logger LOG = Logger.getLogger(UsageAlerts.class.getName());
  private static final Set<Limit> WATCHED = Set.of(Limit.TOKENS_PER_MINUTE, Limit.TOKENS_PER_DAY,
      Limit.MESSAGES_PER_MINUTE);
  /** A per-minute counter still holds uses this long after the turn. */
  private static final Duration MINUTE_WINDOW = Duration.ofSeconds(61);
  private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
      .withZone(ZoneOffset.UTC);

  private final Quotas quotas;
  private final AlertRepository alerts;
  private final OwnerNotifier notifier;
  private final AlertConfig config;
  private final AtomicBoolean sweeping = new AtomicBoolean();

  public UsageAlerts(Quotas quotas, AlertRepository alerts, OwnerNotifier notifier, AlertConfig config) {
    this.quotas = quotas;
    this.alerts = alerts;
    this.notifier = notifier;
    this.config = config;
  }

  /** Sweeps every {@link AlertConfig#sweep()} on {@code vertx}'s timers, unless alerts are disabled. */
  public void start(Vertx vertx) {
    if (config.enabled()) {
      vertx.setPeriodic(config.sweep().toMillis(), id -> {
        if (sweeping.compareAndSet(false, true)) {
          sweep().onComplete(ar -> {
            sweeping.set(false);
            if (ar.failed()) {
              LOG.warning(() -> "usage alert sweep failed (the next one tries again): " + ar.cause().getMessage());
            }
          });
        }
      });
    }
  }

  /** One sweep: completes with the number of alerts recorded and sent now. */
  public Future<Integer> sweep() {
    return alerts.recentTurns(config.sweep().plus(MINUTE_WINDOW)).compose(list -> each(list, 0, 0));
  }

  private Future<Integer> each(List<RecentTurns> list, int i, int sent) {
    if (i == list.size()) {
      return Future.succeededFuture(sent);
    }
    RecentTurns agent = list.get(i);
    return quotas.status(agent.owner(), agent.agent(), agent.governance())
        .compose(status -> near(agent, status, status.usages(), 0, 0))
        .recover(e -> {
          LOG.warning(() -> "could not read the quotas of agent " + agent.agent() + ": " + e.getMessage());
          return Future.succeededFuture(0);
        }).compose(n -> each(list, i + 1, sent + n));
  }

  private Future<Integer> near(RecentTurns agent, QuotaStatus status, List<Usage> usages, int i, int sent) {
    if (i == usages.size()) {
      return Future.succeededFuture(sent);
    }
    Usage u = usages.get(i);
    if (!WATCHED.contains(u.limit()) || u.unlimited() || u.limitValue() == 0
        || u.used() < Math.ceil(config.ratio() * u.limitValue())) {
      return near(agent, status, usages, i + 1, sent);
    }
    UsageAlert alert = alert(agent, status, u);
    return alerts.recordOnce(alert).compose(fresh -> fresh.isEmpty() ? Future.succeededFuture(0)
        : notifier.tell(agent.ownerJid(), alert.text()).map(1).recover(e -> {
          LOG.warning(() -> "recorded a usage alert for " + agent.ownerJid() + " but could not send it: "
              + e.getMessage());
          return Future.succeededFuture(0);
        })).compose(n -> near(agent, status, usages, i + 1, sent + n));
  }

  private UsageAlert alert(RecentTurns agent, QuotaStatus status, Usage u) {
    boolean user = u.scope() == QuotaScope.USER;
    Instant window = u.limit() == Limit.TOKENS_PER_DAY ? status.day().atStartOfDay(ZoneOffset.UTC).toInstant()
        : status.at().truncatedTo(ChronoUnit.MINUTES);
    long percent = Math.round(100.0 * u.used() / u.limitValue());
    String whose = user ? "All your agents together have" : "Your agent " + agent.agentName() + " has";
    String reset = u.resetsAt().map(t -> "; it resets at " + UTC.format(t.truncatedTo(ChronoUnit.SECONDS)))
        .orElse("");
    String text = whose + " used " + u.used() + " of " + u.limitValue() + " " + u.limit().label() + " (" + percent
        + "%, alerts from " + Math.round(config.ratio() * 100) + "%)" + reset + ". Past the limit, turns are refused.";
    return new UsageAlert(UUID.randomUUID(), agent.owner(), user ? "user" : "agent",
        user ? agent.owner().value() : agent.agent().value(), u.limit().key(), window, u.used(), u.limitValue(),
        text, Instant.now());
  }
}
