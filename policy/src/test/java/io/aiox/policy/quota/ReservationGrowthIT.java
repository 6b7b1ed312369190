package io.aiox.policy.quota;

import static io.aiox.policy.quota.QuotaTestbed.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.aiox.policy.quota.QuotaOutcome.Admitted;
import io.aiox.policy.quota.QuotaOutcome.Refused;
import io.aiox.policy.quota.QuotaOutcome.Unavailable;
import io.aiox.schema.agent.Agent;
import io.aiox.testkit.RealServers;
import io.aiox.testkit.TestServers;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Growing a turn's reservation to its prompt as sent (docs/operations.md, "How a turn is counted"), against real
 * Redis and PostgreSQL: admitted against the limits the turn was admitted under, in all scopes at once, refused
 * without changing anything, and settled on what the turn holds.
 */
@ExtendWith(RealServers.class)
class ReservationGrowthIT {
  private static final long DAY = 3_000;
  private static final JsonObject LIMITS = new JsonObject().put("max_tokens_per_minute", 100_000)
      .put("max_tokens_per_day", DAY).put("max_messages_per_minute", 1_000).put("max_concurrent_turns", 100);

  private static QuotaTestbed bed;
  private static Quotas quotas;
  private static Reservations reservations;

  @BeforeAll
  static void start(TestServers servers) {
    bed = QuotaTestbed.create(servers, servers.redis().uri());
    quotas = bed.quotas(QuotaTestbed.open(Duration.ofMinutes(5)));
    reservations = new Reservations(bed.redis());
  }

  @AfterAll
  static void stop() {
    bed.close();
  }

  private static Reservation admit(Agent agent, long tokens) {
    QuotaOutcome outcome = quotas.reserve(request(agent, LIMITS, tokens)).await();
    assertThat(outcome).isInstanceOf(Admitted.class);
    return ((Admitted) outcome).reservation();
  }

  private static long dayUsed(Agent agent, QuotaScope scope) {
    return quotas.status(agent.owner(), agent.id(), LIMITS).await().usage(scope, Limit.TOKENS_PER_DAY)
        .orElseThrow().used();
  }

  @Test
  void a_grown_reservation_counts_in_every_scope_and_settles_on_the_real_count() {
    Agent agent = bed.agent();
    Reservation turn = admit(agent, 100);
    QuotaOutcome grown = reservations.growTo(turn, 1_400).await();
    assertThat(grown).isInstanceOf(Admitted.class);
    assertThat(((Admitted) grown).reservation().tokens()).isEqualTo(1_400);
    assertThat(dayUsed(agent, QuotaScope.USER)).isEqualTo(1_400);
    assertThat(dayUsed(agent, QuotaScope.AGENT)).isEqualTo(1_400);

    quotas.settle(turn, 1_250).await();
    assertThat(dayUsed(agent, QuotaScope.USER)).isEqualTo(1_250);
    assertThat(dayUsed(agent, QuotaScope.AGENT)).isEqualTo(1_250);
  }

  @Test
  void growth_past_a_limit_is_refused_and_changes_nothing() {
    Agent agent = bed.agent();
    Reservation first = admit(agent, 2_000);
    Reservation second = admit(agent, 100);
    QuotaOutcome refused = reservations.growTo(second, 1_500).await();
    assertThat(refused).isInstanceOf(Refused.class);
    Refused r = (Refused) refused;
    assertThat(r.limit()).isEqualTo(Limit.TOKENS_PER_DAY);
    assertThat(r.remaining()).as("left for this turn: the limit less the other turn").isEqualTo(DAY - 2_000);
    assertThat(r.requested()).isEqualTo(1_500);
    assertThat(r.text()).contains("has 1000 tokens left").doesNotContain("used up");
    assertThat(dayUsed(agent, QuotaScope.AGENT)).isEqualTo(2_100);
    quotas.release(second).await();
    quotas.settle(first, 2_000).await();
    assertThat(dayUsed(agent, QuotaScope.AGENT)).isEqualTo(2_000);
  }

  @Test
  void a_turn_larger_than_the_whole_limit_may_grow_when_nothing_else_counts() {
    Agent agent = bed.agent();
    Reservation alone = admit(agent, 100);
    assertThat(reservations.growTo(alone, 5_000).await()).isInstanceOf(Admitted.class);
    quotas.settle(alone, 4_000).await();
    assertThat(quotas.reserve(request(agent, LIMITS, 1)).await()).as("the day is spent: one turn passed it")
        .isInstanceOf(Refused.class);
  }

  @Test
  void a_timed_out_turn_is_charged_what_it_holds_after_growing() {
    Agent agent = bed.agent();
    Reservation turn = admit(agent, 100);
    reservations.growTo(turn, 900).await();
    quotas.settleReserved(turn).await();
    assertThat(dayUsed(agent, QuotaScope.USER)).isEqualTo(900);
    assertThat(reservations.growTo(turn, 1_000).await()).as("a settled turn holds nothing to grow")
        .isInstanceOf(Unavailable.class);
  }

  /** 40 turns admitted small, all growing at once to 1,300 tokens: at most the limit passes, never more. */
  @Test
  void concurrent_growth_never_passes_the_limit() {
    Agent agent = bed.agent();
    List<Reservation> turns = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      QuotaOutcome o = quotas.reserve(request(agent, LIMITS, 40)).await();
      if (o instanceof Admitted a) {
        turns.add(a.reservation());
      }
    }
    List<Future<QuotaOutcome>> grown = new ArrayList<>();
    for (Reservation t : turns) {
      grown.add(reservations.growTo(t, 1_300));
    }
    List<QuotaOutcome> outcomes = QuotaTestbed.awaitAll(grown);
    long admitted = outcomes.stream().filter(Admitted.class::isInstance).count();
    for (int i = 0; i < turns.size(); i++) {
      if (outcomes.get(i) instanceof Refused) {
        quotas.release(turns.get(i)).await();
      }
    }
    assertThat(admitted).isBetween(1L, 2L);
    assertThat(dayUsed(agent, QuotaScope.AGENT)).isLessThanOrEqualTo(DAY);
  }
}
