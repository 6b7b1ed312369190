package io.aiox.component.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.aiox.testkit.RealServers;
import io.aiox.testkit.TestServers;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** An instance that is not clustered says at SEVERE when other instances of its domain are live (real Redis). */
@ExtendWith(RealServers.class)
class LoneInstancesIT {
  private static final String KEY = "aiox:component:lone.example:live";
  private static Vertx vertx;
  private static Redis redis;

  @BeforeAll
  static void start(TestServers servers) {
    vertx = Vertx.vertx();
    redis = Redis.createClient(vertx, servers.redis().uri());
  }

  @AfterAll
  static void stop() {
    redis.close();
    vertx.close();
  }

  private static void heartbeat(String id, long at) {
    redis.send(Request.cmd(Command.ZADD).arg(KEY).arg(at).arg(id)).await();
  }

  @Test
  void others_live_are_counted_and_said_at_severe_with_what_to_configure_and_stale_or_own_entries_are_not() {
    List<LogRecord> logged = new CopyOnWriteArrayList<>();
    Handler handler = new Handler() {
      @Override
      public void publish(LogRecord r) {
        logged.add(r);
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    Logger logger = Logger.getLogger(LoneInstances.class.getName());
    logger.addHandler(handler);
    try {
      long now = System.currentTimeMillis();
      heartbeat("me", now);
      heartbeat("crashed long ago", now - 600_000);
      LoneInstances lone = new LoneInstances(redis, KEY, "me", "lone.example", 90_000);
      assertThat(lone.check().await()).as("only itself, and one too old").isZero();
      assertThat(logged).noneMatch(r -> r.getLevel() == Level.SEVERE);

      heartbeat("other", now);
      assertThat(lone.check().await()).isEqualTo(1);
      assertThat(logged).filteredOn(r -> r.getLevel() == Level.SEVERE).singleElement()
          .satisfies(r -> assertThat(r.getMessage()).contains("lone.example", "not on a clustered event bus",
              "\"cluster\": {\"enabled\": true"));

      assertThat(lone.check().await()).as("the same others again: said once").isEqualTo(1);
      assertThat(logged).filteredOn(r -> r.getLevel() == Level.SEVERE).hasSize(1);
    } finally {
      logger.removeHandler(handler);
    }
  }
}
