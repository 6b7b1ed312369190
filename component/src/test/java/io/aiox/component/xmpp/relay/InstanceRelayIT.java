package io.aiox.component.xmpp.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.aiox.schema.id.AgentId;
import io.aiox.testkit.RealServers;
import io.aiox.testkit.TestServers;
import io.aiox.worker.turn.TurnCodec;
import io.aiox.worker.turn.TurnStop;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Two hub instances (two Vert.x instances, one Redis): what one sends reaches the one that waits for it. */
@ExtendWith(RealServers.class)
class InstanceRelayIT {
  private static final List<String> PREFIXES = List.of("test.answer.", "test.cancel");

  private Vertx a;
  private Vertx b;
  private InstanceRelay relayA;
  private InstanceRelay relayB;

  @BeforeEach
  void start(TestServers servers) throws Exception {
    String domain = "agents.relay-" + System.nanoTime() + ".test";
    a = TurnCodec.register(Vertx.vertx());
    b = TurnCodec.register(Vertx.vertx());
    relayA = InstanceRelay.start(a, Redis.createClient(a, servers.redis().uri()), domain, "a", PREFIXES).await();
    relayB = InstanceRelay.start(b, Redis.createClient(b, servers.redis().uri()), domain, "b", PREFIXES).await();
  }

  @AfterEach
  void stop() throws Exception {
    relayA.close().await();
    relayB.close().await();
    a.close().await(10, TimeUnit.SECONDS);
    b.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void an_answer_sent_on_one_instance_reaches_the_question_waiting_on_the_other_once() throws Exception {
    List<JsonObject> heard = new CopyOnWriteArrayList<>();
    b.eventBus().<JsonObject>consumer("test.answer.q1", m -> heard.add(m.body())).completion().await();

    a.eventBus().send("test.answer.q1", new JsonObject().put("body", "42"));

    awaitSize(heard, 1);
    Thread.sleep(300);
    assertThat(heard).containsExactly(new JsonObject().put("body", "42"));
  }

  @Test
  void a_publish_reaches_every_instance_once_and_its_own_copy_is_not_delivered_twice() throws Exception {
    List<String> heard = new CopyOnWriteArrayList<>();
    a.eventBus().<JsonObject>consumer("test.cancel", m -> heard.add("a")).completion().await();
    b.eventBus().<JsonObject>consumer("test.cancel", m -> heard.add("b")).completion().await();

    a.eventBus().publish("test.cancel", new JsonObject().put("agent", "x"));

    awaitSize(heard, 2);
    Thread.sleep(300);
    assertThat(heard).containsExactlyInAnyOrder("a", "b");
  }

  @Test
  void a_turn_record_crosses_in_its_wire_form_and_arrives_equal() throws Exception {
    List<TurnStop> heard = new CopyOnWriteArrayList<>();
    b.eventBus().<TurnStop>consumer("test.cancel", m -> heard.add(m.body())).completion().await();
    TurnStop stop = new TurnStop(AgentId.random(), "alice@hub.test");

    a.eventBus().publish("test.cancel", stop);

    awaitSize(heard, 1);
    assertThat(heard).containsExactly(stop);
    assertThat(heard.get(0)).isNotSameAs(stop);
  }

  @Test
  void other_addresses_stay_on_their_instance() throws Exception {
    List<String> heard = new CopyOnWriteArrayList<>();
    b.eventBus().<JsonObject>consumer("test.local", m -> heard.add("b")).completion().await();
    b.eventBus().<JsonObject>consumer("test.answer.marker", m -> heard.add("marker")).completion().await();

    a.eventBus().publish("test.local", new JsonObject());
    a.eventBus().publish("test.answer.marker", new JsonObject()); // relayed, and after the local one

    awaitSize(heard, 1);
    Thread.sleep(300);
    assertThat(heard).containsExactly("marker");
  }

  private static void awaitSize(List<?> list, int size) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (list.size() < size && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(list).hasSizeGreaterThanOrEqualTo(size);
  }
}
