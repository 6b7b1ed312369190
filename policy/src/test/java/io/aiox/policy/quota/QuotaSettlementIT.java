package io.aiox.policy.quota;

import static io.aiox.policy.quota.QuotaTestbed.remote;
import static io.aiox.policy.quota.QuotaTestbed.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.aiox.policy.quota.QuotaOutcome.Admitted;
import io.aiox.policy.quota.QuotaOutcome.Refused;
import io.aiox.policy.quota.QuotaStatus.Usage;
import io.aiox.schema.agent.Agent;
import io.aiox.schema.quota.DayUsage;
import io.aiox.testkit.RealServers;
import io.aiox.testkit.TestServers;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Settling: the reservation becomes the real token count in Redis' windows and in PostgreSQL's daily totals. */
@ExtendWith(RealServers.class)
class QuotaSettlementIT {
  private static final JsonObject LIMITS = new JsonObject().put("max_tokens_per_minute", 1_000)
      .put("max_tokens_per_day", 5_000).put("max_messages_per_minute", 50).put("max_concurrent_turns", 4);

  private static QuotaTestbed bed;
  private static Quotas quotas;

  @BeforeAll
  static void start(TestServers servers) {
    bed = QuotaTestbed.create(servers, servers.redis().uri());
    quotas = bed.quotas(QuotaTestbed.open(Duration.ofMinutes(5)));
  }

  @AfterAll
  static void stop() {
    bed.close();
  }

  private static Admitted admit(Agent agent, long tokens) {
    QuotaOutcome outcome = quotas.reserve(request(agent, LIMITS, tokens)).await();
    assertThat(outcome).isInstanceOf(Admitted.class);
    return (Admitted) outcome;
  }

  private static Usage usage(Agent agent, QuotaScope scope, Limit limit) {
    return quotas.status(agent.owner(), agent.id(), LIMITS).await().usage(scope, limit).orElseThrow();
  }

  @Test
  void a_reservation_counts_in_full_until_settled_then_the_real_count_replaces_it() throws Exception {
    Agent agent = bed.agent();
    Admitted turn = admit(agent, 300);
    assertThat(usage(agent, QuotaScope.AGENT, Limit.TOKENS_PER_MINUTE).used()).isEqualTo(300);
    assertThat(usage(agent, QuotaScope.AGENT, Limit.CONCURRENT_TURNS).used()).isEqualTo(1);

    quotas.settle(turn.reservation(), 120).await();
    for (QuotaScope scope : new QuotaScope[] {QuotaScope.USER, QuotaScope.AGENT}) {
      assertThat(usage(agent, scope, Limit.TOKENS_PER_MINUTE).used()).isEqualTo(120);
      assertThat(usage(agent, scope, Limit.TOKENS_PER_DAY).used()).isEqualTo(120);
      assertThat(usage(agent, scope, Limit.MESSAGES_PER_MINUTE).used()).isEqualTo(1);
      assertThat(usage(agent, scope, Limit.CONCURRENT_TURNS).used()).isZero();
    }
    assertThat(bed.number("SELECT tokens_used_today FROM user_quotas WHERE user_id = ?", agent.owner().value()))
        .isEqualTo(120);
    assertThat(bed.number("SELECT tokens_used FROM agent_quota_days WHERE agent_id = ? AND day = ?",
        agent.id().value(), turn.reservation().day())).isEqualTo(120);
    assertThat(turn.reservation().day()).isEqualTo(LocalDate.now(ZoneOffset.UTC));
  }

  @Test
  void settling_twice_counts_once() throws Exception {
    Agent agent = bed.agent();
    Admitted turn = admit(agent, 200);
    quotas.settle(turn.reservation(), 150).await();
    quotas.settle(turn.reservation(), 150).await();
    assertThat(usage(agent, QuotaScope.AGENT, Limit.TOKENS_PER_DAY).used()).isEqualTo(150);
    assertThat(bed.number("SELECT tokens_used FROM agent_quota_days WHERE agent_id = ?", agent.id().value()))
        .isEqualTo(150);
  }

  @Test
  void a_turn_that_used_more_than_it_reserved_is_charged_what_it_used() {
    Agent agent = bed.agent();
    Admitted turn = admit(agent, 100);
    quotas.settle(turn.reservation(), 950).await();
    Usage minute = usage(agent, QuotaScope.AGENT, Limit.TOKENS_PER_MINUTE);
    assertThat(minute.used()).isEqualTo(950);
    assertThat(minute.remaining()).isEqualTo(50);
    assertThat(quotas.reserve(request(agent, LIMITS, 100)).await()).isInstanceOfSatisfying(Refused.class, r -> {
      assertThat(r.limit()).isEqualTo(Limit.TOKENS_PER_MINUTE);
      assertThat(r.remaining()).isEqualTo(50);
    });
  }

  @Test
  void a_released_turn_gives_back_tokens_and_slot_but_its_message_still_counts() throws Exception {
    Agent agent = bed.agent();
    Admitted turn = admit(agent, 400);
    quotas.release(turn.reservation()).await();
    assertThat(usage(agent, QuotaScope.AGENT, Limit.TOKENS_PER_MINUTE).used()).isZero();
    assertThat(usage(agent, QuotaScope.AGENT, Limit.TOKENS_PER_DAY).used()).isZero();
    assertThat(usage(agent, QuotaScope.AGENT, Limit.CONCURRENT_TURNS).used()).isZero();
    assertThat(usage(agent, QuotaScope.AGENT, Limit.MESSAGES_PER_MINUTE).used()).isEqualTo(1);
    assertThat(bed.number("SELECT count(*) FROM agent_quota_days WHERE agent_id = ?", agent.id().value()))
        .as("nothing to store for a turn that did not run").isZero();
  }

  @Test
  void a_federated_senders_tokens_are_stored_for_their_domain_too() throws Exception {
    Agent agent = bed.agent();
    String domain = "remote-" + agent.id().toString().substring(0, 8) + ".example";
    Admitted turn = (Admitted) quotas.reserve(remote(agent, LIMITS, domain, 80)).await();
    quotas.settle(turn.reservation(), 70).await();
    assertThat(bed.number("SELECT tokens_used FROM remote_domain_quota_days WHERE domain = ?", domain))
        .isEqualTo(70);
  }

  @Test
  void the_status_shows_limits_remaining_and_reset_times() {
    Agent agent = bed.agent();
    admit(agent, 250);
    QuotaStatus status = quotas.status(agent.owner(), agent.id(), LIMITS).await();
    Usage minute = status.usage(QuotaScope.AGENT, Limit.TOKENS_PER_MINUTE).orElseThrow();
    assertThat(minute.limitValue()).isEqualTo(1_000);
    assertThat(minute.remaining()).isEqualTo(750);
    assertThat(minute.resetsAt()).hasValueSatisfying(t -> assertThat(t)
        .isBetween(Instant.now().plusSeconds(55), Instant.now().plusSeconds(63)));
    Usage day = status.usage(QuotaScope.AGENT, Limit.TOKENS_PER_DAY).orElseThrow();
    assertThat(day.resetsAt()).contains(status.day().plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC));
    assertThat(status.usage(QuotaScope.USER, Limit.TOKENS_PER_MINUTE).orElseThrow().unlimited()).isTrue();
    assertThat(status.toJson().getJsonArray("usages")).hasSize(8);
    assertThat(minute.text()).startsWith("750 of 1000 left (used 250); resets at ");
  }

  @Test
  void the_day_total_survives_redis_losing_its_counters() throws Exception {
    Agent agent = bed.agent();
    quotas.settle(admit(agent, 4_000).reservation(), 4_000).await();
    // Redis forgets (a restart without persistence): the day's counters start again from the database's total.
    bed.redis().send(Request.cmd(Command.DEL).arg("aiox:quota:agent:" + agent.id() + ":day")
        .arg("aiox:quota:user:" + agent.owner() + ":day")).await();
    assertThat(quotas.reserve(request(agent, LIMITS, 1_500)).await()).isInstanceOfSatisfying(Refused.class, r -> {
      assertThat(r.limit()).isEqualTo(Limit.TOKENS_PER_DAY);
      assertThat(r.remaining()).isEqualTo(1_000);
      assertThat(r.resetsAt()).isEqualTo(r.resetsAt().atZone(ZoneOffset.UTC).toLocalDate().atStartOfDay()
          .toInstant(ZoneOffset.UTC));
    });
  }

  /**
   * The hub's way (quota.totals_flush_ms): settled turns gather and reach the day's totals in one write per row;
   * each settle completes once its tokens are stored.
   */
  @Test
  void settled_turns_gather_and_reach_the_days_totals_together() throws Exception {
    Quotas gathering = new Quotas(bed.db.vertx, bed.redis(), bed.repository, QuotaTestbed.open(Duration.ofMinutes(5)),
        0, 300);
    Agent agent = bed.agent();
    java.util.List<io.vertx.core.Future<Void>> settled = new java.util.ArrayList<>();
    for (int tokens : new int[] {100, 20, 3}) {
      QuotaOutcome outcome = gathering.reserve(request(agent, LIMITS, 500)).await();
      settled.add(gathering.settle(((Admitted) outcome).reservation(), tokens));
    }
    assertThat(bed.number("SELECT count(*) FROM agent_quota_days WHERE agent_id = ?", agent.id().value()))
        .as("nothing written while the turns gather").isZero();
    io.vertx.core.Future.all(settled).await();
    assertThat(bed.number("SELECT tokens_used FROM agent_quota_days WHERE agent_id = ?", agent.id().value()))
        .isEqualTo(123);
    assertThat(bed.number("SELECT turns FROM agent_quota_days WHERE agent_id = ?", agent.id().value()))
        .isEqualTo(3);
    assertThat(bed.number("SELECT tokens_used_today FROM user_quotas WHERE user_id = ?", agent.owner().value()))
        .isEqualTo(123);
  }

  /**
   * Settled turns arriving faster than the totals are written: each flush starts once the write before it has
   * ended, so no two batches lock the same rows in different orders (under the stand-in benchmark's load PostgreSQL
   * aborted such batches as deadlocks, and their turns' tokens never reached the totals). Every settle succeeds and
   * every total is exact.
   */
  @Test
  void settles_faster_than_the_writes_lose_nothing_to_overlapping_batches() throws Exception {
    Quotas gathering = new Quotas(bed.db.vertx, bed.redis(), bed.repository, QuotaTestbed.open(Duration.ofMinutes(5)),
        0, 1);
    java.util.List<Agent> agents = new java.util.ArrayList<>();
    for (int i = 0; i < 40; i++) {
      agents.add(bed.agent());
    }
    java.util.List<io.vertx.core.Future<Void>> settled = new java.util.ArrayList<>();
    for (int round = 0; round < 25; round++) {
      for (Agent agent : agents) {
        settled.add(gathering.reserve(request(agent, new JsonObject(), 50))
            .compose(outcome -> gathering.settle(((Admitted) outcome).reservation(), 7)));
      }
    }
    QuotaTestbed.awaitAll(settled);
    for (Agent agent : agents) {
      assertThat(bed.number("SELECT tokens_used FROM agent_quota_days WHERE agent_id = ?", agent.id().value()))
          .isEqualTo(25 * 7);
      assertThat(bed.number("SELECT turns FROM agent_quota_days WHERE agent_id = ?", agent.id().value()))
          .isEqualTo(25);
    }
  }

  /**
   * The window's sums (reserve.lua keeps 'T' and 'M' beside the per-second buckets): a bucket that left the window
   * is taken off them, and a hash of the earlier layout, buckets only, gets its sums from them.
   */
  @Test
  void buckets_that_left_the_window_stop_counting_and_old_hashes_get_their_sums() {
    long now = Instant.now().getEpochSecond();
    JsonObject perMinute = new JsonObject().put("max_tokens_per_minute", 1_000);
    // sums that still count a bucket 70 s old: 900 of it has left the window, 50 has not
    Agent sliding = bed.agent();
    String win = "aiox:quota:agent:" + sliding.id() + ":win";
    bed.redis().send(Request.cmd(Command.HSET).arg(win).arg("t" + (now - 70)).arg(900).arg("m" + (now - 70)).arg(1)
        .arg("t" + (now - 10)).arg(50).arg("m" + (now - 10)).arg(1).arg("T").arg(950).arg("M").arg(2)
        .arg("o").arg(now - 70)).await();
    assertThat(quotas.reserve(request(sliding, perMinute, 900)).await())
        .as("900 + 50 fits once the old bucket is gone").isInstanceOf(Admitted.class);
    assertThat(bed.redis().send(Request.cmd(Command.HGET).arg(win).arg("T")).await().toLong()).isEqualTo(950);
    assertThat(bed.redis().send(Request.cmd(Command.HEXISTS).arg(win).arg("t" + (now - 70))).await().toLong())
        .isZero();
    // the earlier layout: buckets only, 600 in the window
    Agent old = bed.agent();
    String oldWin = "aiox:quota:agent:" + old.id() + ":win";
    bed.redis().send(Request.cmd(Command.HSET).arg(oldWin).arg("t" + (now - 5)).arg(600).arg("m" + (now - 5))
        .arg(1).arg("t" + (now - 90)).arg(5_000).arg("m" + (now - 90)).arg(1)).await();
    assertThat(quotas.reserve(request(old, perMinute, 500)).await()).isInstanceOfSatisfying(Refused.class,
        r -> assertThat(r.remaining()).as("600 used in the window").isEqualTo(400));
    assertThat(quotas.reserve(request(old, perMinute, 400)).await()).isInstanceOf(Admitted.class);
  }

  /**
   * A batch over many owners is one database call: every owner's, agent's and domain's total gets its share. A
   * payer who is not the agent's owner (a chain of agents) is charged on their own row; the agent's row stays its
   * owner's, whoever the batch named.
   */
  @Test
  void a_batch_over_many_owners_reaches_every_total_in_one_call() throws Exception {
    Agent a = bed.agent();
    Agent b = bed.agent();
    Agent c = bed.agent();
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    bed.repository.recordAll(java.util.List.of(
        new DayUsage(a.owner(), a.id(), java.util.Optional.empty(), today, 10, 1),
        new DayUsage(a.owner(), a.id(), java.util.Optional.of("far.example"), today, 5, 1),
        new DayUsage(b.owner(), b.id(), java.util.Optional.of("far.example"), today, 7, 2),
        new DayUsage(a.owner(), c.id(), java.util.Optional.empty(), today, 100, 1))).await();
    assertThat(bed.number("SELECT tokens_used_today FROM user_quotas WHERE user_id = ?", a.owner().value()))
        .as("a pays for its own agent and for c's turn it started").isEqualTo(115);
    assertThat(bed.number("SELECT tokens_used_today FROM user_quotas WHERE user_id = ?", b.owner().value()))
        .isEqualTo(7);
    assertThat(bed.number("SELECT count(*) FROM user_quotas WHERE user_id = ?", c.owner().value()))
        .as("c's owner paid nothing").isZero();
    assertThat(bed.number("SELECT tokens_used FROM agent_quota_days WHERE agent_id = ?", a.id().value()))
        .isEqualTo(15);
    assertThat(bed.number("SELECT turns FROM agent_quota_days WHERE agent_id = ?", a.id().value())).isEqualTo(2);
    assertThat(bed.number("SELECT tokens_used FROM agent_quota_days WHERE agent_id = ? AND owner_user_id = ?",
        c.id().value(), c.owner().value())).as("the agent's row is its owner's").isEqualTo(100);
    long far = bed.number("SELECT tokens_used FROM remote_domain_quota_days WHERE domain = 'far.example'"
        + " AND day = ?", today);
    bed.repository.recordAll(java.util.List.of(
        new DayUsage(b.owner(), b.id(), java.util.Optional.of("far.example"), today, 3, 1))).await();
    assertThat(bed.number("SELECT tokens_used FROM remote_domain_quota_days WHERE domain = 'far.example'"
        + " AND day = ?", today)).as("a second batch adds").isEqualTo(far + 3);
    assertThat(bed.number("SELECT tokens_used_today FROM user_quotas WHERE user_id = ?", b.owner().value()))
        .isEqualTo(10);
  }

  /** quota.snapshot_ttl_ms: a change of the owner's limits takes effect once the reading it replaces is that old. */
  @Test
  void a_change_of_the_owners_limits_takes_effect_within_the_snapshot_time() throws Exception {
    Quotas cached = new Quotas(bed.db.vertx, bed.redis(), bed.repository, QuotaTestbed.open(Duration.ofMinutes(5)),
        500, 0);
    Agent agent = bed.agent();
    assertThat(cached.reserve(request(agent, new JsonObject(), 300)).await()).isInstanceOf(Admitted.class);
    bed.execute("UPDATE users SET quota_config = '{\"max_tokens_per_minute\": 400}'::jsonb WHERE id = ?",
        agent.owner().value());
    assertThat(cached.reserve(request(agent, new JsonObject(), 200)).await())
        .as("within the snapshot time the earlier reading holds").isInstanceOf(Admitted.class);
    Thread.sleep(600);
    assertThat(cached.reserve(request(agent, new JsonObject(), 300)).await()).isInstanceOfSatisfying(Refused.class,
        r -> assertThat(r.scope()).isEqualTo(QuotaScope.USER));
  }
}
