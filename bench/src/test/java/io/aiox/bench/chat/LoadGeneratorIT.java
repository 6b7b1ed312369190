package io.aiox.bench.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.aiox.testkit.EjabberdServer;
import io.aiox.testkit.RealServers;
import io.aiox.testkit.TestServers;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chat benchmark's load generator against a real ejabberd, for a few seconds: the baselines answer every
 * message, and the latencies land in the histogram. Keeps {@code bench/run-chat} from rotting; no figures here.
 */
@ExtendWith(RealServers.class)
class LoadGeneratorIT {
  private static final int SENDERS = 4;
  private static final LoadGenerator.Window NO_PROBE = new LoadGenerator.Window() {
    @Override
    public void started() { }

    @Override
    public void ended() { }
  };

  private static EjabberdServer ejabberd;
  private static Vertx vertx;
  private static LoadGenerator generator;

  @BeforeAll
  static void start(TestServers servers) {
    ejabberd = servers.ejabberd();
    for (int i = 0; i < SENDERS; i++) {
      ejabberd.register(BenchUsers.sender(i), BenchUsers.password(BenchUsers.sender(i)));
      ejabberd.register(BenchUsers.echo(i), BenchUsers.password(BenchUsers.echo(i)));
    }
    vertx = Vertx.vertx();
    generator = LoadGenerator.login(vertx, endpoint(), SENDERS);
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
  }

  private static Endpoint endpoint() {
    return new Endpoint(ejabberd.host(), ejabberd.c2sPort(), ejabberd.domain());
  }

  /** XEP-0114: the echo component answers each message the generator sends through ejabberd. */
  @Test
  void the_echo_component_answers_every_message_at_saturation_and_at_a_set_rate() {
    EchoComponent component = EchoComponent.connect(vertx, ejabberd.host(), ejabberd.componentPort(),
        ejabberd.componentDomain(), ejabberd.componentSecret()).await();
    try {
      LoadGenerator.Addressing agents = (s, n) -> "agent-" + (n % 3) + "@" + ejabberd.componentDomain();
      Measured closed = generator.saturate(SENDERS, 2, agents, Duration.ofMillis(500), Duration.ofSeconds(2),
          1_000_000, NO_PROBE);
      assertThat(closed.replies()).isPositive();
      assertThat(closed.micros().getValueAtPercentile(50)).isPositive();
      assertThat(closed.errors()).isZero();
      assertThat(closed.unanswered()).isZero();

      Measured paced = generator.atRate(SENDERS, 200, agents, Duration.ofMillis(500), Duration.ofSeconds(2),
          1_000_000, NO_PROBE);
      assertThat(paced.replies()).isBetween(300L, 500L);
      assertThat(paced.skipped()).isZero();
      assertThat(paced.unanswered()).isZero();
      assertThat(component.echoed()).isGreaterThanOrEqualTo(closed.replies() + paced.replies());
    } finally {
      component.close().await();
    }
  }

  /** The same with the echo component on Whack: every message answered, none lost at saturation or at a rate. */
  @Test
  void the_whack_echo_component_answers_every_message_at_saturation_and_at_a_set_rate() throws Exception {
    WhackEcho component = WhackEcho.connect(ejabberd.host(), ejabberd.componentPort(), ejabberd.domain(),
        ejabberd.componentDomain(), ejabberd.componentSecret());
    try {
      LoadGenerator.Addressing agents = (s, n) -> "agent-" + (n % 3) + "@" + ejabberd.componentDomain();
      Measured closed = generator.saturate(SENDERS, 2, agents, Duration.ofMillis(500), Duration.ofSeconds(2),
          1_000_000, NO_PROBE);
      assertThat(closed.replies()).isPositive();
      assertThat(closed.errors()).isZero();
      assertThat(closed.unanswered()).isZero();

      Measured paced = generator.atRate(SENDERS, 200, agents, Duration.ofMillis(500), Duration.ofSeconds(2),
          1_000_000, NO_PROBE);
      assertThat(paced.replies()).isBetween(300L, 500L);
      assertThat(paced.unanswered()).isZero();
      assertThat(component.echoed()).isGreaterThanOrEqualTo(closed.replies() + paced.replies());
    } finally {
      component.close();
    }
  }

  /**
   * The bench's two echo components in their own JVMs take turns on the one agents domain: each turn disconnects
   * the other and (re)connects this one, and no message is lost across the hand-overs.
   */
  @Test
  void the_echo_components_take_turns_on_one_domain_without_losing_messages(@TempDir Path logs) {
    JsonObject settings = new JsonObject().put("host", ejabberd.host()).put("componentPort", ejabberd.componentPort())
        .put("domain", ejabberd.domain()).put("componentDomain", ejabberd.componentDomain())
        .put("componentSecret", ejabberd.componentSecret());
    Map<TargetKind, TargetProcess> targets = new EnumMap<>(TargetKind.class);
    try {
      for (TargetKind kind : List.of(TargetKind.ECHO_COMPONENT, TargetKind.WHACK)) {
        targets.put(kind, TargetProcess.start(kind, settings, logs, kind.key()));
      }
      LoadGenerator.Addressing agents = (s, n) -> "agent-" + (n % 3) + "@" + ejabberd.componentDomain();
      for (TargetKind turn : List.of(TargetKind.WHACK, TargetKind.ECHO_COMPONENT, TargetKind.WHACK)) {
        ChatBench.takeTurn(targets, turn);
        Measured m = generator.saturate(SENDERS, 2, agents, Duration.ZERO, Duration.ofSeconds(1), 1_000_000,
            NO_PROBE);
        assertThat(m.replies()).as(turn.label()).isPositive();
        assertThat(m.errors()).as(turn.label()).isZero();
        assertThat(m.unanswered()).as(turn.label()).isZero();
      }
    } finally {
      targets.values().forEach(TargetProcess::close);
    }
  }

  /** Client to client: logged-in peers echo what the senders write to their full JIDs, no presence needed. */
  @Test
  void echoing_clients_answer_every_message() {
    Vertx peers = Vertx.vertx();
    try {
      NetClient echoes = EchoClients.login(peers, endpoint(), SENDERS);
      LoadGenerator.Addressing to = (s, n) -> BenchUsers.echoJid((int) (n % SENDERS), ejabberd.domain());
      Measured closed = generator.saturate(SENDERS, 2, to, Duration.ofMillis(500), Duration.ofSeconds(2), 1_000_000,
          NO_PROBE);
      assertThat(closed.replies()).isPositive();
      assertThat(closed.errors()).isZero();
      assertThat(closed.unanswered()).isZero();
      assertThat(generator.dropped()).isZero();
      echoes.close().await();
    } finally {
      peers.close().await();
    }
  }
}
