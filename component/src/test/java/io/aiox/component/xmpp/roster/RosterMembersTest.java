package io.aiox.component.xmpp.roster;

import static org.assertj.core.api.Assertions.assertThat;

import io.aiox.schema.agent.Agent;
import io.aiox.schema.agent.Visibility;
import io.aiox.schema.id.AgentId;
import io.aiox.schema.id.AgentJid;
import io.aiox.schema.id.OwnerId;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

class RosterMembersTest {
  private static final JsonObject LISTED = new JsonObject().put("allowed_jids", new JsonArray()
      .add(" Bob@Hub.Example ").add("carol@other.example").add("hub.example").add("dave@hub.example/phone")
      .add(42));

  @Test
  void a_private_or_public_agent_goes_to_its_owner_only() {
    assertThat(RosterMembers.of(agent(Visibility.PRIVATE, LISTED), "Ann@hub.example", "hub.example"))
        .containsExactly("ann@hub.example");
    assertThat(RosterMembers.of(agent(Visibility.PUBLIC, LISTED), "ann@hub.example", "hub.example"))
        .containsExactly("ann@hub.example");
  }

  @Test
  void a_shared_agent_also_goes_to_the_listed_bare_jids_of_this_hub_and_to_no_one_elsewhere() {
    assertThat(RosterMembers.of(agent(Visibility.SHARED, LISTED), "ann@hub.example", "hub.example"))
        .containsExactly("ann@hub.example", "bob@hub.example");
  }

  @Test
  void a_shared_agent_with_no_list_goes_to_its_owner_only() {
    assertThat(RosterMembers.of(agent(Visibility.SHARED, new JsonObject()), "ann@hub.example", "hub.example"))
        .containsExactly("ann@hub.example");
  }

  private static Agent agent(Visibility visibility, JsonObject governance) {
    AgentId id = AgentId.random();
    return new Agent(id, OwnerId.random(), new AgentJid(id, "agents.hub.example"), new JsonObject(), new JsonObject(),
        new JsonObject(), new JsonObject(), governance, 1, visibility, OffsetDateTime.now(), OffsetDateTime.now(),
        null);
  }
}
