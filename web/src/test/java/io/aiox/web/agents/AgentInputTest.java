package io.aiox.web.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aiox.schema.agent.Visibility;
import io.aiox.web.http.ProblemException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class AgentInputTest {
  @Test
  void shared_with_puts_jids_and_domains_in_the_governance_lists_the_access_rule_reads() {
    AgentInput in = AgentInput.fromJson(new JsonObject().put("shared_with", new JsonArray().add("Bob@Example.org")
        .add("example.net")).put("governance", new JsonObject().put("priority", 3)));
    JsonObject governance = in.governance().orElseThrow();
    assertThat(governance.getJsonArray("allowed_jids")).containsExactly("bob@example.org");
    assertThat(governance.getJsonArray("allowed_domains")).containsExactly("example.net");
    assertThat(governance.getInteger("priority")).isEqualTo(3);
    assertThat(AgentInput.sharedWith(governance)).containsExactly("bob@example.org", "example.net");
  }

  @Test
  void members_left_out_are_left_as_they_are() {
    AgentInput in = AgentInput.fromJson(new JsonObject().put("visibility", "public"));
    assertThat(in.visibility()).contains(Visibility.PUBLIC);
    assertThat(in.name()).isEmpty();
    assertThat(in.governance()).isEmpty();
    assertThat(in.tools()).isEmpty();
  }

  @Test
  void refuses_an_unknown_member_a_bad_visibility_and_a_wrong_type_as_400() {
    for (JsonObject bad : new JsonObject[] {new JsonObject().put("colour", "red"),
        new JsonObject().put("visibility", "secret"), new JsonObject().put("fallbacks", "fixture-large"),
        new JsonObject().put("memory", true)}) {
      assertThatThrownBy(() -> AgentInput.fromJson(bad)).isInstanceOfSatisfying(ProblemException.class,
          p -> assertThat(p.problem().status()).isEqualTo(400));
    }
  }
}
