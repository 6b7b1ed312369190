package io.aiox.worker.context;

import static org.assertj.core.api.Assertions.assertThat;

import io.aiox.schema.id.AgentId;
import io.aiox.testkit.RealServers;
import io.aiox.testkit.TestServers;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Short-term context in real Redis: trimmed to the limit under concurrency, expiring, per (agent, peer). */
@ExtendWith(RealServers.class)
class ConversationsIT {
  private static Vertx vertx;
  private static Redis redis;
  private static Conversations conversations;

  @BeforeAll
  static void start(TestServers servers) {
    vertx = Vertx.vertx();
    redis = Redis.createClient(vertx, new RedisOptions().setConnectionString(servers.redis().uri())
        .setMaxPoolWaiting(1_024));
    conversations = new Conversations(redis);
  }

  @AfterAll
  static void stop() {
    redis.close();
    vertx.close().await();
  }

  @Test
  void fifty_concurrent_exchanges_leave_exactly_the_last_limit_turns_with_an_expiry() {
    AgentId agent = AgentId.random();
    List<Future<Integer>> writes = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      writes.add(conversations.append(agent, "a@hub.test", new ChatTurn(ChatTurn.USER, "q" + i),
          new ChatTurn(ChatTurn.ASSISTANT, "a" + i), 5, Duration.ofMinutes(10)));
    }
    Future.all(writes).await();
    List<ChatTurn> history = conversations.history(agent, "a@hub.test").await();
    assertThat(history).hasSize(10);
    for (int i = 0; i < 10; i += 2) {
      assertThat(history.get(i).role()).isEqualTo(ChatTurn.USER);
      assertThat(history.get(i + 1).text()).isEqualTo("a" + history.get(i).text().substring(1));
    }
    long ttl = redis.send(Request.cmd(Command.PTTL).arg(Conversations.key(agent, "a@hub.test"))).await().toLong();
    assertThat(ttl).isBetween(1L, Duration.ofMinutes(10).toMillis());
  }

  @Test
  void peers_do_not_share_a_conversation_and_reset_forgets_one() {
    AgentId agent = AgentId.random();
    conversations.append(agent, "a@hub.test", new ChatTurn(ChatTurn.USER, "mine"), new ChatTurn(ChatTurn.ASSISTANT,
        "ok"), 5, Duration.ofMinutes(1)).await();
    conversations.append(agent, "b@hub.test", new ChatTurn(ChatTurn.USER, "theirs"), new ChatTurn(ChatTurn.ASSISTANT,
        "ok"), 5, Duration.ofMinutes(1)).await();
    assertThat(conversations.history(agent, "a@hub.test").await()).extracting(ChatTurn::text).containsExactly("mine", "ok");
    assertThat(conversations.reset(agent, "a@hub.test").await()).isTrue();
    assertThat(conversations.history(agent, "a@hub.test").await()).isEmpty();
    assertThat(conversations.history(agent, "b@hub.test").await()).hasSize(2);
    assertThat(conversations.reset(agent, "a@hub.test").await()).isFalse();
  }
}
