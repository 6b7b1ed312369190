package io.aiox.component.xmpp;

import static org.assertj.core.api.Assertions.assertThat;

import io.aiox.testkit.ProjectRoot;
import io.aiox.testkit.RealServers;
import io.aiox.testkit.RedisServer;
import io.aiox.testkit.TestServers;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The quota path's Redis connection: many requests in flight on one connection, and a lost one replaced. */
@ExtendWith(RealServers.class)
class PipelinedRedisIT {
  private static RedisServer server;
  private static Vertx vertx;

  @BeforeAll
  static void start(TestServers servers) {
    server = RedisServer.start(ProjectRoot.get(), servers.dir().resolve("redis-pipelined"));
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
    server.close();
  }

  private static PipelinedRedis client() {
    return new PipelinedRedis(Redis.createClient(vertx, new RedisOptions().setConnectionString(server.uri())
        .setMaxWaitingHandlers(10_000)));
  }

  /** Sends {@code count} requests at once from one event loop, as the component does, and waits for them all. */
  private static List<Response> burst(PipelinedRedis redis, int count, String key) {
    Promise<List<Response>> all = Promise.promise();
    vertx.runOnContext(v -> {
      List<Future<Response>> sent = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        sent.add(redis.send(Request.cmd(Command.INCR).arg(key)));
      }
      Future.all(sent).map(c -> c.<Response>list()).onComplete(all);
    });
    return all.future().await();
  }

  private static long clients(Redis admin) {
    return admin.send(Request.cmd(Command.CLIENT).arg("LIST")).await().toString().lines().count();
  }

  @Test
  void five_thousand_requests_in_flight_share_one_connection() {
    Redis admin = Redis.createClient(vertx, server.uri());
    long before = clients(admin);
    PipelinedRedis redis = client();
    try {
      List<Response> answers = burst(redis, 5_000, "pipelined");
      assertThat(answers).hasSize(5_000);
      assertThat(answers.getLast().toLong()).isEqualTo(5_000);
      assertThat(clients(admin)).as("one connection more than before (a pool would open up to its maximum)")
          .isEqualTo(before + 1);
    } finally {
      redis.close().await();
      admin.close().await();
    }
  }

  @Test
  void a_lost_connection_is_replaced_on_the_next_request() {
    PipelinedRedis redis = client();
    try {
      assertThat(burst(redis, 10, "replaced")).hasSize(10);
      server.restart(); // same port, empty
      Response answer = null;
      for (int attempt = 0; attempt < 20 && answer == null; attempt++) {
        try {
          answer = redis.send(Request.cmd(Command.INCR).arg("replaced")).await();
        } catch (RuntimeException e) {
          // the request that finds the connection gone fails; the next one gets a new connection
          sleep(100);
        }
      }
      assertThat(answer).as("a request after the restart succeeds on a new connection").isNotNull();
      assertThat(answer.toLong()).isEqualTo(1);
    } finally {
      redis.close().await();
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
