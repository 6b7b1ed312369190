package io.aiox.worker.inference.qos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aiox.schema.id.OwnerId;
import io.aiox.worker.model.ModelRegistry;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** The {@code inference.qos} weights and the agent's {@code governance.priority}: defaults, values, refusals. */
class QosConfigTest {
  @Test
  void without_a_qos_section_the_documented_defaults_apply() {
    assertThat(ModelRegistry.fromJson(new JsonObject()).qos()).isEqualTo(new QosWeights(1.0, 0.25, 2.0, -0.5, -0.5));
  }

  @Test
  void weights_come_from_the_inference_qos_section() {
    JsonObject inference = new JsonObject().put("qos", new JsonObject().put("priority_weight", 5)
        .put("load_weight", -2.5).put("tools_weight", 0).put("reputation_weight", 0.5).put("share_weight", -1));
    assertThat(ModelRegistry.fromJson(inference).qos()).isEqualTo(new QosWeights(0.5, 0, 5, -2.5, -1));
  }

  @Test
  void unknown_keys_and_values_that_are_not_numbers_are_refused_by_name() {
    assertThatThrownBy(() -> ModelRegistry.fromJson(new JsonObject().put("qos", new JsonObject().put("alpha", 1))))
        .hasMessageStartingWith("unknown configuration key inference.qos.alpha (known: ");
    assertThatThrownBy(() -> QosWeights.fromJson(new JsonObject().put("load_weight", "low")))
        .hasMessage("inference.qos.load_weight must be a number, was \"low\"");
  }

  @Test
  void the_score_is_the_weighted_sum_with_priority_scaled_to_one() {
    TurnTraits t = new TurnTraits(OwnerId.random(), 0.5, true, 8);
    assertThat(new QosWeights(1.0, 0.25, 2.0, -0.5, -0.5).score(t, 3, 2)).isEqualTo(0.5 + 0.25 + 1.6 - 1.5 - 1.0);
  }

  @Test
  void priority_defaults_to_five_and_must_be_a_whole_number_from_zero_to_ten() {
    assertThat(TurnTraits.priorityOf(new JsonObject())).isEqualTo(5);
    assertThat(TurnTraits.priorityOf(new JsonObject().put("priority", 0))).isZero();
    assertThat(TurnTraits.priorityOf(new JsonObject().put("priority", 10))).isEqualTo(10);
    for (Object bad : new Object[] {11, -1, 2.5, "high", true}) {
      assertThatThrownBy(() -> TurnTraits.priorityOf(new JsonObject().put("priority", bad)))
          .hasMessageContaining("governance.priority must be a whole number 0..10, was " + bad);
    }
  }

  @Test
  void reputation_is_the_recent_success_rate_and_one_when_unknown() {
    Reputation r = new Reputation();
    io.aiox.schema.id.AgentId agent = io.aiox.schema.id.AgentId.random();
    assertThat(r.of(agent)).isEqualTo(Reputation.UNKNOWN);
    r.record(agent, true);
    r.record(agent, false);
    assertThat(r.of(agent)).isEqualTo(0.5);
    for (int i = 0; i < Reputation.WINDOW; i++) {
      r.record(agent, true);
    }
    assertThat(r.of(agent)).as("only the last %d turns count", Reputation.WINDOW).isEqualTo(1.0);
  }
}
