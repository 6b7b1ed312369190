package io.aiox.component.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.aiox.component.AgentChat;
import io.aiox.component.hub.Hub;
import io.aiox.component.hub.HubConfig;
import io.aiox.component.hub.TestHubConfig;
import io.aiox.component.inference.DemoModelFixture;
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
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.jxmpp.jid.impl.JidCreate;

/**
 * A hub that serves turns with real llama.cpp (the generated gemma3 model) and exports traces over OTLP/HTTP: the
 * inference side's spans join the component's trace through the event bus, so one turn shows every stage, from the
 * quota check through memory recall, the wait for a model slot and generation to the reply, with its duration.
 */
@ExtendWith(RealServers.class)
class InferenceTracingIT {
  private static final Set<String> STAGES = Set.of("turn", "quota.reserve", "worker.request", "inference.turn",
      "memory.recall", "qos.wait", "model.generate", "memory.remember", "reply.send", "quota.settle");

  @Test
  void a_local_model_turn_is_one_trace_from_the_component_through_the_worker_to_the_model(TestServers servers)
      throws Exception {
    try (OtlpReceiver collector = OtlpReceiver.start()) {
      JsonObject config = TestHubConfig.json(servers).put("inference", new JsonObject().put("default_model", "demo")
          .put("models", new JsonObject().put("demo", new JsonObject()
              .put("path", DemoModelFixture.model().toString()).put("context_size", 2048).put("threads", 2)
              .put("slots", 1).put("demo", true))));
      config.getJsonObject("observability").put("tracing", new JsonObject().put("enabled", true)
          .put("otlp_endpoint", collector.endpoint()).put("export_delay_ms", 100));
      Agent agent;
      try (Hub hub = Hub.start(HubConfig.fromJson(config))) {
        XMPPTCPConnection owner = servers.ejabberd().newUser("traced-model");
        try {
          agent = agent(hub, servers, owner);
          Message answer = AgentChat.ask(owner, JidCreate.entityBareFrom(agent.jid().toString()),
              "Tell me about XMPP.", Duration.ofSeconds(60));
          assertThat(answer.getType()).isEqualTo(Message.Type.chat);
        } finally {
          owner.disconnect();
        }
        collector.await(spans -> spans.stream().map(ReceivedSpan::name).collect(Collectors.toSet())
            .containsAll(STAGES), Duration.ofSeconds(30));
      }

      List<ReceivedSpan> spans = collector.spans();
      Map<String, ReceivedSpan> byName = spans.stream().collect(Collectors.toMap(ReceivedSpan::name,
          Function.identity()));
      assertThat(byName.keySet()).as("one span per stage of the one turn").isEqualTo(STAGES);
      assertThat(spans).hasSize(STAGES.size());
      ReceivedSpan turn = byName.get("turn");
      for (ReceivedSpan span : spans) {
        assertThat(span.traceId()).as(span.name() + " in the turn's trace").isEqualTo(turn.traceId());
        assertThat(span.duration()).as(span.name() + " took time").isPositive();
        assertThat(span.isError()).as(span.name() + ": " + span.statusMessage()).isFalse();
        assertThat(span.serviceName()).isEqualTo("aiox-hub");
      }
      assertThat(byName.get("inference.turn").parentSpanId()).as("continued from the event bus headers")
          .isEqualTo(byName.get("worker.request").spanId());
      assertThat(byName.get("inference.turn").kind()).isEqualTo("SPAN_KIND_SERVER");
      for (String stage : List.of("memory.recall", "qos.wait", "model.generate", "memory.remember")) {
        assertThat(byName.get(stage).parentSpanId()).as(stage + " under inference.turn")
            .isEqualTo(byName.get("inference.turn").spanId());
      }
      ReceivedSpan generate = byName.get("model.generate");
      assertThat(generate.attributes()).containsEntry("gen_ai.request.model", "demo")
          .containsEntry("gen_ai.provider.name", "local");
      assertThat((Long) generate.attributes().get("gen_ai.usage.input_tokens")).as("counted by llama.cpp")
          .isGreaterThan(5);
      assertThat((Long) generate.attributes().get("gen_ai.usage.output_tokens")).isBetween(1L, 8L);
      assertThat(byName.get("qos.wait").endNanos()).isLessThanOrEqualTo(generate.startNanos());
      assertThat(generate.endNanos()).isLessThanOrEqualTo(byName.get("inference.turn").endNanos());
      assertThat(turn.attributes()).containsEntry("aiox.agent.id", agent.id().toString())
          .containsEntry("aiox.turn.outcome", "answered").containsEntry("gen_ai.request.model", "demo");
    }
  }

  private static Agent agent(Hub hub, TestServers servers, XMPPTCPConnection owner) throws Exception {
    User user = new UserRepository(hub.database().ownerScope())
        .create(owner.getUser().getLocalpart().toString(), owner.getUser().asBareJid().toString()).await();
    return new AgentRepository(hub.database().ownerScope(), servers.ejabberd().componentDomain())
        .create(user.id(), new NewAgent(new JsonObject().put("name", "Traced"), new JsonObject().put("model", "demo")
            .put("max_tokens", 8), null, null, null, Visibility.PRIVATE)).await();
  }
}
