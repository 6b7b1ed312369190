package io.aiox.policy.tool;

import static org.assertj.core.api.Assertions.assertThat;

import io.aiox.policy.tool.approval.PendingApproval;
import io.aiox.policy.tool.approval.PendingApprovals;
import io.aiox.policy.tool.approval.WaitingCall;
import io.vertx.core.json.JsonObject;
import io.aiox.schema.id.AgentId;
import io.aiox.schema.id.OwnerId;
import io.aiox.testkit.RealServers;
import io.aiox.testkit.TestServers;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The Redis parts of tool governance: an exact per-minute count, and an approval decided once. */
@ExtendWith(RealServers.class)
class ToolRateLimiterIT {
  private static Vertx vertx;
  private static Redis redis;

  @BeforeAll
  static void start(TestServers servers) {
    vertx = Vertx.vertx();
    redis = Redis.createClient(vertx, new RedisOptions().setConnectionString(servers.redis().uri())
        .setMaxPoolWaiting(1_024));
  }

  @AfterAll
  static void stop() {
    redis.close();
    vertx.close().await();
  }

  @Test
  void fifty_concurrent_calls_against_a_limit_of_twenty_admit_exactly_twenty() {
    ToolRateLimiter limiter = new ToolRateLimiter(redis);
    AgentId agent = AgentId.random();
    List<Future<Boolean>> calls = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      calls.add(limiter.tryAcquire(agent, "search_api", 20));
    }
    Future.all(calls).await();
    long admitted = calls.stream().filter(Future::result).count();
    // A minute boundary inside the burst would open a second window; then at most twice the limit.
    assertThat(admitted).isBetween(20L, 40L);
    assertThat(limiter.tryAcquire(AgentId.random(), "search_api", 20).await()).as("another agent counts apart")
        .isTrue();
    assertThat(limiter.tryAcquire(agent, "search_api", 0).await()).as("0 means no limit").isTrue();
  }

  @Test
  void a_pending_approval_is_claimed_once() {
    PendingApprovals pending = new PendingApprovals(redis);
    String id = UUID.randomUUID().toString();
    PendingApproval p = new PendingApproval(id, OwnerId.random(), AgentId.random(), "ann@hub.test",
        "agent-x@agents.hub.test", "http_request", Instant.now().plusSeconds(30));
    WaitingCall waiting = new WaitingCall(p, "fetches a URL", new JsonObject().put("url", "https://a.test/"),
        "to look", Instant.now());
    assertThat(pending.open(waiting).await()).isTrue();
    assertThat(pending.open(waiting).await()).as("the same call id twice").isFalse();
    assertThat(pending.peek(id).await()).contains(p);
    List<Future<Optional<PendingApproval>>> claims = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      claims.add(pending.claim(id));
    }
    Future.all(claims).await();
    assertThat(claims.stream().filter(c -> c.result().isPresent()).count()).isEqualTo(1);
    assertThat(pending.peek(id).await()).isEmpty();
  }

  @Test
  void an_owner_lists_their_waiting_calls_until_each_is_decided_or_expires() throws Exception {
    PendingApprovals pending = new PendingApprovals(redis);
    OwnerId owner = OwnerId.random();
    PendingApproval soon = new PendingApproval(UUID.randomUUID().toString(), owner, AgentId.random(), "ann@hub.test",
        "agent-x@agents.hub.test", "http_request", Instant.now().plusMillis(300));
    PendingApproval later = new PendingApproval(UUID.randomUUID().toString(), owner, AgentId.random(),
        "ann@hub.test", "agent-y@agents.hub.test", "code_executor", Instant.now().plusSeconds(30));
    PendingApproval others = new PendingApproval(UUID.randomUUID().toString(), OwnerId.random(), AgentId.random(),
        "bob@hub.test", "agent-z@agents.hub.test", "http_request", Instant.now().plusSeconds(30));
    for (PendingApproval p : List.of(soon, later, others)) {
      pending.open(new WaitingCall(p, "d", new JsonObject().put("n", 1), "why", Instant.now())).await();
    }
    List<WaitingCall> listed = pending.waiting(owner).await();
    assertThat(listed).extracting(w -> w.call().callId()).containsExactly(soon.callId(), later.callId());
    assertThat(listed.get(1).arguments()).isEqualTo(new JsonObject().put("n", 1));
    Thread.sleep(400);
    assertThat(pending.waiting(owner).await()).as("an expired call is no longer listed")
        .extracting(w -> w.call().callId()).containsExactly(later.callId());
    pending.claim(later.callId()).await();
    assertThat(pending.waiting(owner).await()).as("a decided call is no longer listed").isEmpty();
  }
}
