package io.aiox.policy.quota;

import static io.aiox.policy.quota.QuotaTestbed.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aiox.policy.quota.QuotaOutcome.Admitted;
import io.aiox.policy.quota.QuotaOutcome.Unavailable;
import io.aiox.schema.Database;
import io.aiox.schema.agent.Agent;
import io.aiox.schema.quota.QuotaRepository;
import io.aiox.testkit.ProjectRoot;
import io.aiox.testkit.RealServers;
import io.aiox.testkit.RedisServer;
import io.aiox.testkit.TestServers;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Governance fails closed: with Redis or PostgreSQL gone no turn is admitted, each refusal says why, and service
 * resumes by itself when the store is back. Uses a Redis of its own, so stopping it disturbs no other test.
 */
@ExtendWith(RealServers.class)
class QuotaFailClosedIT {
  private static RedisServer redisServer;
  private static QuotaTestbed bed;

  @BeforeAll
  static void start(TestServers servers) {
    redisServer = RedisServer.start(ProjectRoot.get(), servers.dir().resolve("redis-quota-fail-closed"));
    bed = QuotaTestbed.create(servers, redisServer.uri());
  }

  @AfterAll
  static void stop() {
    bed.close();
    redisServer.close();
  }

  /** The outcome as admitted, or a failure that says what it was instead. */
  private static Admitted admitted(QuotaOutcome outcome) {
    assertThat(outcome).as("while Redis runs").isInstanceOf(Admitted.class);
    return (Admitted) outcome;
  }

  @Test
  void with_redis_stopped_mid_run_every_further_turn_is_refused_clearly_and_service_resumes_when_it_returns()
      throws Exception {
    Agent agent = bed.agent();
    JsonObject governance = new JsonObject().put("max_tokens_per_day", 10_000);
    Quotas quotas = bed.quotas(QuotaTestbed.open(Duration.ofMinutes(5)));
    for (int i = 0; i < 20; i++) {
      Admitted turn = admitted(quotas.reserve(request(agent, governance, 50)).await());
      quotas.settle(turn.reservation(), 40).await();
    }
    Admitted running = admitted(quotas.reserve(request(agent, governance, 50)).await());

    redisServer.stop();
    List<QuotaOutcome> whileDown = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      whileDown.add(quotas.reserve(request(agent, governance, 50)).await());
    }
    assertThat(whileDown).allSatisfy(o -> assertThat(o).isInstanceOfSatisfying(Unavailable.class, u -> {
      assertThat(u.text()).startsWith("no turn can run now: the hub cannot check quotas because Redis is"
          + " unreachable");
      assertThat(u.detail()).startsWith("Redis: ");
    }));
    // The turn that was running when Redis went away ends: its tokens still reach the database.
    assertThatThrownBy(() -> quotas.settle(running.reservation(), 45).await())
        .isInstanceOf(QuotaUnavailableException.class).hasMessageContaining("Redis");
    assertThat(bed.number("SELECT tokens_used FROM agent_quota_days WHERE agent_id = ?", agent.id().value()))
        .isEqualTo(20 * 40 + 45);

    redisServer.restart(); // same port, empty: no counters, no cached scripts (EVALSHA answers NOSCRIPT)
    QuotaOutcome back = awaitAdmittedOrFail(quotas, request(agent, governance, 50));
    assertThat(back).isInstanceOf(Admitted.class);
    // The daily counter started again from the database's total, not from zero.
    QuotaStatus status = quotas.status(agent.owner(), agent.id(), governance).await();
    assertThat(status.usage(QuotaScope.AGENT, Limit.TOKENS_PER_DAY).orElseThrow().used())
        .isEqualTo(20 * 40 + 45 + 50);
  }

  @Test
  void a_check_slower_than_its_timeout_is_refused_and_its_late_reservation_given_back() throws Exception {
    Agent agent = bed.agent();
    JsonObject governance = new JsonObject().put("max_concurrent_turns", 1);
    Quotas quotas = new Quotas(bed.db.vertx, bed.redis(), bed.repository, new QuotaDefaults(Limits.unlimited(),
        Limits.unlimited(), Limits.unlimited(), Duration.ofMinutes(5), Duration.ofMillis(300)));
    // Redis holds every client's commands for a while: up, but not answering.
    bed.redis().send(Request.cmd(Command.CLIENT).arg("PAUSE").arg(1_500).arg("ALL")).await();
    QuotaOutcome slow = quotas.reserve(request(agent, governance, 5)).await();
    assertThat(slow).isInstanceOfSatisfying(Unavailable.class,
        u -> assertThat(u.text()).contains("no turn can run now").contains("did not finish within 300 ms"));
    Thread.sleep(2_000); // the pause ends; the held check runs, admits, and is released at once
    assertThat(quotas.status(agent.owner(), agent.id(), governance).await()
        .usage(QuotaScope.AGENT, Limit.CONCURRENT_TURNS).orElseThrow().used()).isZero();
    assertThat(quotas.reserve(request(agent, governance, 5)).await()).isInstanceOf(Admitted.class);
  }

  @Test
  void a_redis_that_forgot_the_scripts_loads_them_again() {
    Agent agent = bed.agent();
    Quotas quotas = bed.quotas(QuotaTestbed.open(Duration.ofMinutes(5)));
    assertThat(quotas.reserve(request(agent, new JsonObject(), 5)).await()).isInstanceOf(Admitted.class);
    bed.redis().send(Request.cmd(Command.SCRIPT).arg("FLUSH")).await();
    assertThat(quotas.reserve(request(agent, new JsonObject(), 5)).await()).isInstanceOf(Admitted.class);
  }

  @Test
  void with_postgresql_unreachable_no_turn_runs_and_the_text_says_why() {
    Agent agent = bed.agent();
    Database lost = Database.connect(bed.db.vertx, bed.db.config).await();
    Quotas quotas = new Quotas(bed.db.vertx, bed.redis(), new QuotaRepository(lost.ownerScope()),
        QuotaTestbed.open(Duration.ofMinutes(5)));
    lost.close(); // the hub's pool can no longer reach the database
    QuotaOutcome outcome = quotas.reserve(request(agent, new JsonObject(), 5)).await();
    assertThat(outcome).isInstanceOfSatisfying(Unavailable.class, u -> {
      assertThat(u.text()).contains("because PostgreSQL is unreachable");
      assertThat(u.detail()).startsWith("PostgreSQL: ");
    });
    assertThatThrownBy(() -> quotas.status(agent.owner(), agent.id(), new JsonObject()).await())
        .isInstanceOf(QuotaUnavailableException.class).hasMessageContaining("PostgreSQL");
  }

  /** The client's pool may still hold a connection to the old server for a moment: retry until admitted. */
  private static QuotaOutcome awaitAdmittedOrFail(Quotas quotas, QuotaRequest request) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    QuotaOutcome last = null;
    while (System.nanoTime() < deadline) {
      last = quotas.reserve(request).await();
      if (!(last instanceof Unavailable)) {
        return last;
      }
      Thread.sleep(100);
    }
    return last;
  }
}
