package io.aiox.policy.quota;

import static io.aiox.policy.quota.QuotaTestbed.awaitAll;
import static io.aiox.policy.quota.QuotaTestbed.remote;
import static io.aiox.policy.quota.QuotaTestbed.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.aiox.policy.quota.QuotaOutcome.Admitted;
import io.aiox.policy.quota.QuotaOutcome.Refused;
import io.aiox.policy.quota.QuotaOutcome.Unavailable;
import io.aiox.schema.agent.Agent;
import io.aiox.schema.agent.AgentRepository;
import io.aiox.schema.agent.NewAgent;
import io.aiox.schema.agent.Visibility;
import io.aiox.testkit.RealServers;
import io.aiox.testkit.TestServers;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Admission against real Redis and PostgreSQL: every window checked and reserved in one atomic step. */
@ExtendWith(RealServers.class)
class QuotaAdmissionIT {
  private static QuotaTestbed bed;

  @BeforeAll
  static void start(TestServers servers) {
    bed = QuotaTestbed.create(servers, servers.redis().uri());
  }

  @AfterAll
  static void stop() {
    bed.close();
  }

  @Test
  void two_hundred_concurrent_senders_never_get_more_than_the_limit_plus_one_turn_per_minute() {
    Agent agent = bed.agent();
    long limit = 1_000;
    int turnMax = 120;
    JsonObject governance = new JsonObject().put("max_tokens_per_minute", limit);
    // Two hubs (two Redis clients) share the counters.
    List<Quotas> hubs = List.of(bed.quotas(QuotaTestbed.open(Duration.ofMinutes(5))),
        bed.quotas(QuotaTestbed.open(Duration.ofMinutes(5))));
    Random random = new Random(42);
    List<Long> asked = new ArrayList<>();
    List<Future<QuotaOutcome>> outcomes = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      long tokens = 30 + random.nextInt(turnMax - 30 + 1);
      asked.add(tokens);
      outcomes.add(hubs.get(i % 2).reserve(request(agent, governance, tokens)));
    }
    List<QuotaOutcome> all = awaitAll(outcomes);
    long admitted = 0;
    for (int i = 0; i < all.size(); i++) {
      if (all.get(i) instanceof Admitted) {
        admitted += asked.get(i);
      }
    }
    assertThat(admitted).as("admitted tokens").isLessThanOrEqualTo(limit + turnMax)
        .as("the limit is used, not refused early").isGreaterThan(limit - turnMax);
    List<Refused> refused = all.stream().filter(Refused.class::isInstance).map(Refused.class::cast).toList();
    assertThat(refused).hasSizeGreaterThan(150).allSatisfy(r -> {
      assertThat(r.scope()).isEqualTo(QuotaScope.AGENT);
      assertThat(r.limit()).isEqualTo(Limit.TOKENS_PER_MINUTE);
      assertThat(r.resetsAt()).isBetween(Instant.now().minusSeconds(1), Instant.now().plusSeconds(62));
    });
    assertThat(all).noneMatch(Unavailable.class::isInstance);
  }

  @Test
  void concurrent_turns_are_capped_and_a_settled_turn_frees_its_slot() {
    Agent agent = bed.agent();
    Quotas quotas = bed.quotas(QuotaTestbed.open(Duration.ofMinutes(5)));
    JsonObject governance = new JsonObject().put("max_concurrent_turns", 3);
    List<Future<QuotaOutcome>> outcomes = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      outcomes.add(quotas.reserve(request(agent, governance, 10)));
    }
    List<QuotaOutcome> all = awaitAll(outcomes);
    List<Admitted> admitted = all.stream().filter(Admitted.class::isInstance).map(Admitted.class::cast).toList();
    assertThat(admitted).hasSize(3);
    assertThat(all).filteredOn(Refused.class::isInstance).hasSize(17)
        .allSatisfy(o -> assertThat(((Refused) o).concurrency()).isTrue());

    quotas.settle(admitted.get(0).reservation(), 8).await();
    assertThat(quotas.reserve(request(agent, governance, 10)).await()).isInstanceOf(Admitted.class);
    assertThat(quotas.reserve(request(agent, governance, 10)).await()).isInstanceOf(Refused.class);
  }

  @Test
  void a_crashed_turns_slot_frees_itself_after_its_ttl() throws Exception {
    Agent agent = bed.agent();
    Quotas quotas = bed.quotas(QuotaTestbed.open(Duration.ofMillis(700)));
    JsonObject governance = new JsonObject().put("max_concurrent_turns", 1);
    assertThat(quotas.reserve(request(agent, governance, 10)).await()).isInstanceOf(Admitted.class);
    assertThat(quotas.reserve(request(agent, governance, 10)).await()).isInstanceOf(Refused.class);
    Thread.sleep(900); // the first turn is never settled, as when its hub crashed
    assertThat(quotas.reserve(request(agent, governance, 10)).await()).isInstanceOf(Admitted.class);
  }

  @Test
  void messages_per_minute_count_turns_whatever_their_size() {
    Agent agent = bed.agent();
    Quotas quotas = bed.quotas(QuotaTestbed.open(Duration.ofMinutes(5)));
    JsonObject governance = new JsonObject().put("max_messages_per_minute", 2);
    Admitted first = (Admitted) quotas.reserve(request(agent, governance, 1)).await();
    quotas.release(first.reservation()).await();
    assertThat(quotas.reserve(request(agent, governance, 1)).await()).isInstanceOf(Admitted.class);
    QuotaOutcome third = quotas.reserve(request(agent, governance, 1)).await();
    assertThat(third).isInstanceOfSatisfying(Refused.class, r -> {
      assertThat(r.limit()).isEqualTo(Limit.MESSAGES_PER_MINUTE);
      assertThat(r.text()).contains("messages per minute limit (2) is used up; it resets at");
    });
  }

  @Test
  void the_owners_limit_binds_all_their_agents_together() throws Exception {
    Agent first = bed.agent();
    bed.execute("UPDATE users SET quota_config = '{\"max_tokens_per_minute\": 500}'::jsonb WHERE id = ?",
        first.owner().value());
    Agent second = new AgentRepository(bed.db.database.ownerScope(), "agents.hub.test")
        .create(first.owner(), NewAgent.named("Second", Visibility.PRIVATE)).await();
    Quotas quotas = bed.quotas(QuotaTestbed.open(Duration.ofMinutes(5)));
    assertThat(quotas.reserve(request(first, new JsonObject(), 300)).await()).isInstanceOf(Admitted.class);
    assertThat(quotas.reserve(request(second, new JsonObject(), 300)).await()).isInstanceOfSatisfying(Refused.class,
        r -> assertThat(r.scope()).as("the agent alone would fit; its owner's total does not")
            .isEqualTo(QuotaScope.USER));
    QuotaOutcome generous = quotas.reserve(request(second, new JsonObject().put("max_tokens_per_minute", 10_000),
        300)).await();
    assertThat(generous).isInstanceOfSatisfying(Refused.class, r -> {
      assertThat(r.scope()).isEqualTo(QuotaScope.USER);
      assertThat(r.remaining()).isEqualTo(200);
    });
  }

  @Test
  void a_remote_domain_shares_one_budget_and_local_senders_do_not_touch_it() {
    Agent one = bed.agent();
    Agent two = bed.agent();
    QuotaDefaults defaults = new QuotaDefaults(Limits.unlimited(), Limits.unlimited(),
        new Limits(Limits.UNLIMITED, Limits.UNLIMITED, 1, Limits.UNLIMITED), Duration.ofMinutes(5),
        Duration.ofSeconds(2));
    Quotas quotas = bed.quotas(defaults);
    String domain = "far-" + one.id().toString().substring(0, 8) + ".example";
    assertThat(quotas.reserve(remote(one, new JsonObject(), domain, 5)).await()).isInstanceOf(Admitted.class);
    assertThat(quotas.reserve(remote(two, new JsonObject(), domain, 5)).await())
        .as("another owner's agent, same remote domain").isInstanceOfSatisfying(Refused.class,
            r -> assertThat(r.scope()).isEqualTo(QuotaScope.REMOTE_DOMAIN));
    assertThat(quotas.reserve(request(two, new JsonObject(), 5)).await()).as("a local sender")
        .isInstanceOf(Admitted.class);
  }

  @Test
  void a_turn_larger_than_the_whole_limit_runs_alone_in_an_empty_window() {
    Agent agent = bed.agent();
    Quotas quotas = bed.quotas(QuotaTestbed.open(Duration.ofMinutes(5)));
    JsonObject governance = new JsonObject().put("max_tokens_per_minute", 100);
    assertThat(quotas.reserve(request(agent, governance, 400)).await()).isInstanceOf(Admitted.class);
    assertThat(quotas.reserve(request(agent, governance, 1)).await()).isInstanceOf(Refused.class);
  }

  @Test
  void invalid_governance_fails_closed_with_a_text_naming_the_key() {
    Agent agent = bed.agent();
    Quotas quotas = bed.quotas(QuotaTestbed.open(Duration.ofMinutes(5)));
    QuotaOutcome outcome = quotas.reserve(request(agent, new JsonObject().put("max_tokens_per_day", "many"), 5))
        .await();
    assertThat(outcome).isInstanceOfSatisfying(Unavailable.class,
        u -> assertThat(u.text()).contains("no turn can run").contains("max_tokens_per_day"));
  }
}
