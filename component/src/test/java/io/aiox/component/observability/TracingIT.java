package io.aiox.component.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.aiox.component.AgentChat;
import io.aiox.component.hub.Hub;
import io.aiox.component.hub.HubConfig;
import io.aiox.component.hub.TestHubConfig;
import io.aiox.schema.agent.Agent;
import io.aiox.schema.agent.AgentRepository;
import io.aiox.schema.agent.NewAgent;
import io.aiox.schema.agent.Visibility;
import io.aiox.schema.user.User;
import io.aiox.schema.user.UserRepository;
import io.aiox.testkit.RealServers;
import io.aiox.testkit.TestServers;
import io.aiox.testkit.otlp.OtlpReceiver;
import io.aiox.testkit.otlp.ReceivedSpan;
import io.aiox.worker.turn.TurnFailure;
import io.aiox.worker.turn.TurnReply;
import io.aiox.worker.turn.TurnRequest;
import io.aiox.worker.turn.Turns;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;

/**
 * A hub with {@code observability.tracing} on exports each turn over real OTLP/HTTP to a receiver in the test: one
 * chat is one trace whose component spans hang under {@code turn}, and the turn request carries the W3C
 * {@code traceparent} of its {@code worker.request} span to the inference side. An echo consumer answers turns (it
 * makes no spans of its own) and fails the ones that say {@code fail}.
 */
@ExtendWith(RealServers.class)
class TracingIT {
  private static final String SERVICE = "aiox-tracing-it";
  private static final Duration EXPORTED = Duration.ofSeconds(20);

  private static TestServers servers;
  private static OtlpReceiver collector;
  private static Hub hub;
  /** The traceparent header of each turn request, by request body. */
  private static final Map<String, String> TRACEPARENTS = new ConcurrentHashMap<>();

  @BeforeAll
  static void start(TestServers s) {
    servers = s;
    collector = OtlpReceiver.start();
    JsonObject config = TestHubConfig.json(servers);
    config.getJsonObject("observability").put("tracing", new JsonObject().put("enabled", true)
        .put("otlp_endpoint", collector.endpoint()).put("service_name", SERVICE).put("export_delay_ms", 100));
    hub = Hub.start(HubConfig.fromJson(config));
    hub.vertx().eventBus().<TurnRequest>consumer(Turns.ADDRESS, m -> {
      String body = m.body().body();
      TRACEPARENTS.put(body, String.valueOf(m.headers().get("traceparent")));
      if (body.equals("fail")) {
        TurnFailure.MODEL_UNAVAILABLE.fail(m, "no model could answer: the fixture fails on purpose");
      } else {
        m.reply(TurnReply.counted("echo: " + body, "fixture", "echo-model", 10, 5));
      }
    });
  }

  @AfterAll
  static void stop() {
    try {
      hub.close();
    } finally {
      collector.close();
    }
  }

  @Test
  void one_answered_chat_is_one_trace_with_every_component_stage_under_the_turn() throws Exception {
    XMPPTCPConnection owner = servers.ejabberd().newUser("traced");
    Agent agent;
    try {
      agent = agent(owner, "Traced");
      Message answer = AgentChat.ask(owner, jid(agent), "hello traces", Duration.ofSeconds(30));
      assertThat(answer.getBody()).isEqualTo("echo: hello traces");
    } finally {
      owner.disconnect();
    }

    List<ReceivedSpan> trace = traceOf(agent, "turn", "quota.reserve", "worker.request", "reply.send",
        "quota.settle");
    Map<String, ReceivedSpan> byName = trace.stream().collect(Collectors.toMap(ReceivedSpan::name,
        Function.identity()));
    assertThat(byName).as("one span per stage, nothing else").hasSize(5);
    ReceivedSpan turn = byName.get("turn");
    assertThat(turn.isRoot()).isTrue();
    assertThat(turn.kind()).isEqualTo("SPAN_KIND_SERVER");
    assertThat(turn.serviceName()).isEqualTo(SERVICE);
    assertThat(turn.attributes()).containsEntry("aiox.agent.id", agent.id().toString())
        .containsEntry("aiox.turn.outcome", "answered").containsEntry("gen_ai.request.model", "echo-model");
    for (ReceivedSpan span : trace) {
      assertThat(span.traceId()).as(span.name()).isEqualTo(turn.traceId());
      assertThat(span.duration()).as(span.name() + " took time").isPositive();
      assertThat(span.isError()).as(span.name()).isFalse();
      assertThat(span.startNanos()).as(span.name() + " inside the turn").isGreaterThanOrEqualTo(turn.startNanos());
      assertThat(span.endNanos()).as(span.name() + " inside the turn").isLessThanOrEqualTo(turn.endNanos());
      if (span != turn) {
        assertThat(span.parentSpanId()).as(span.name() + " is a child of the turn").isEqualTo(turn.spanId());
      }
      assertThat(span.attributes().values()).as("no JID or message body in " + span.name())
          .noneMatch(v -> String.valueOf(v).contains("@") || String.valueOf(v).contains("hello traces"));
    }
    ReceivedSpan request = byName.get("worker.request");
    assertThat(request.kind()).isEqualTo("SPAN_KIND_CLIENT");
    // version 00, the trace, the parent span, then flags: bit 0 is "sampled" (bit 1, "random trace id", may be set)
    assertThat(TRACEPARENTS.get("hello traces")).as("W3C trace context on the event bus")
        .matches("00-" + turn.traceId() + "-" + request.spanId() + "-0[13]");
    assertThat(byName.get("quota.reserve").endNanos()).isLessThanOrEqualTo(request.startNanos());
    assertThat(request.endNanos()).isLessThanOrEqualTo(byName.get("reply.send").startNanos());
    assertThat(collector.refused()).isEmpty();
  }

  @Test
  void a_turn_the_inference_side_fails_is_an_error_on_the_turn_and_on_the_worker_request() throws Exception {
    XMPPTCPConnection owner = servers.ejabberd().newUser("traced-failure");
    Agent agent;
    try {
      agent = agent(owner, "Failing");
      Message error = AgentChat.ask(owner, jid(agent), "fail", Duration.ofSeconds(30));
      assertThat(error.getError().getCondition()).isEqualTo(StanzaError.Condition.service_unavailable);
    } finally {
      owner.disconnect();
    }

    List<ReceivedSpan> trace = traceOf(agent, "turn", "quota.reserve", "worker.request", "reply.send",
        "quota.settle");
    ReceivedSpan turn = trace.stream().filter(s -> s.name().equals("turn")).findFirst().orElseThrow();
    ReceivedSpan request = trace.stream().filter(s -> s.name().equals("worker.request")).findFirst().orElseThrow();
    assertThat(turn.attributes()).containsEntry("aiox.turn.outcome", "unavailable");
    assertThat(turn.isError()).isTrue();
    assertThat(turn.statusMessage()).contains("no model could answer");
    assertThat(request.isError()).isTrue();
    assertThat(trace.stream().filter(s -> s.name().equals("reply.send")).findFirst().orElseThrow().isError())
        .as("the error stanza was sent").isFalse();
  }

  /** The spans of the one trace whose turn is {@code agent}'s, once every named stage has arrived. */
  private static List<ReceivedSpan> traceOf(Agent agent, String... names) throws InterruptedException {
    List<ReceivedSpan> all = collector.await(spans -> {
      String traceId = turnTraceId(spans, agent);
      return traceId != null && spans.stream().filter(s -> s.traceId().equals(traceId)).map(ReceivedSpan::name)
          .collect(Collectors.toSet()).containsAll(List.of(names));
    }, EXPORTED);
    String traceId = turnTraceId(all, agent);
    assertThat(traceId).as("a turn span for the agent among " + all).isNotNull();
    assertThat(all.stream().filter(s -> s.name().equals("turn")
        && agent.id().toString().equals(s.attributes().get("aiox.agent.id")))).as("one turn, one trace").hasSize(1);
    List<ReceivedSpan> trace = all.stream().filter(s -> s.traceId().equals(traceId)).toList();
    assertThat(trace).extracting(ReceivedSpan::name).containsExactlyInAnyOrder(names);
    return trace;
  }

  private static String turnTraceId(List<ReceivedSpan> spans, Agent agent) {
    return spans.stream().filter(s -> s.name().equals("turn")
        && agent.id().toString().equals(s.attributes().get("aiox.agent.id"))).map(ReceivedSpan::traceId)
        .findFirst().orElse(null);
  }

  private static Agent agent(XMPPTCPConnection owner, String name) throws Exception {
    User user = new UserRepository(hub.database().ownerScope())
        .create(owner.getUser().getLocalpart().toString(), owner.getUser().asBareJid().toString()).await();
    return new AgentRepository(hub.database().ownerScope(), servers.ejabberd().componentDomain())
        .create(user.id(), new NewAgent(new JsonObject().put("name", name), new JsonObject().put("max_tokens", 100),
            new JsonObject(), new JsonObject(), new JsonObject(), Visibility.PRIVATE)).await();
  }

  private static EntityBareJid jid(Agent agent) throws Exception {
    return JidCreate.entityBareFrom(agent.jid().toString());
  }
}
