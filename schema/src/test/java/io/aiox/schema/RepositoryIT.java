package io.aiox.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aiox.schema.agent.Agent;
import io.aiox.schema.agent.AgentRepository;
import io.aiox.schema.agent.NewAgent;
import io.aiox.schema.agent.Visibility;
import io.aiox.schema.id.AgentJid;
import io.aiox.schema.user.User;
import io.aiox.schema.user.UserRepository;
import io.aiox.testkit.RealServers;
import io.aiox.testkit.TestServers;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RealServers.class)
class RepositoryIT {
  private static final String DOMAIN = "agents.hub.test";
  private static TestDatabase db;
  private static UserRepository users;
  private static AgentRepository agents;

  @BeforeAll
  static void open(TestServers servers) {
    db = TestDatabase.create(servers);
    users = new UserRepository(db.database.ownerScope());
    agents = new AgentRepository(db.database.ownerScope(), DOMAIN);
  }

  @AfterAll
  static void close() {
    db.close();
  }

  @Test
  void a_user_round_trips_by_jid_and_by_name_and_through_a_linked_jid() {
    User carol = users.create("carol", "Carol@Hub.Test").await();
    assertThat(carol.xmppJid()).isEqualTo("carol@hub.test");
    assertThat(users.findByJid("carol@hub.test").await()).contains(carol);
    assertThat(users.findByName("carol").await()).contains(carol);
    users.linkJid(carol.id(), "carol@other.example").await();
    assertThat(users.findByJid("carol@other.example").await()).contains(carol);
    assertThat(users.findByJid("nobody@hub.test").await()).isEmpty();
  }

  @Test
  void a_taken_username_is_refused() {
    users.create("dave", "dave@hub.test").await();
    assertThatThrownBy(() -> users.create("dave", "dave2@hub.test").await()).hasMessageContaining("users_username_key");
  }

  @Test
  void an_agent_round_trips_with_every_field() {
    User erin = users.create("erin", "erin@hub.test").await();
    NewAgent spec = new NewAgent(new JsonObject().put("name", "Legal Assistant").put("description", "contracts"),
        new JsonObject().put("model", "gemma3-demo").put("temperature", 0.7),
        new JsonObject().put("domain_tags", new io.vertx.core.json.JsonArray().add("law")),
        new JsonObject().put("short_term_limit", 10), new JsonObject().put("max_tokens_per_minute", 1000),
        Visibility.SHARED);
    Agent created = agents.create(erin.id(), spec).await();

    assertThat(created.jid().toString()).isEqualTo("agent-" + created.id() + "@" + DOMAIN);
    assertThat(created.owner()).isEqualTo(erin.id());
    Agent read = agents.get(erin.id(), created.id()).await().orElseThrow();
    assertThat(read).isEqualTo(created);
    assertThat(read.llmConfig().getString("model")).isEqualTo("gemma3-demo");
    assertThat(read.governance().getInteger("max_tokens_per_minute")).isEqualTo(1000);
    assertThat(read.visibility()).isEqualTo(Visibility.SHARED);
    assertThat(agents.route(AgentJid.parse(created.jid().toString().toUpperCase()).orElseThrow()).await())
        .contains(created);
  }

  @Test
  void another_owner_cannot_get_list_or_delete_the_agent() {
    User frank = users.create("frank", "frank@hub.test").await();
    User grace = users.create("grace", "grace@hub.test").await();
    Agent franks = agents.create(frank.id(), NewAgent.named("franks", Visibility.PRIVATE)).await();

    assertThat(agents.get(grace.id(), franks.id()).await()).isEmpty();
    assertThat(agents.listByOwner(grace.id()).await()).isEmpty();
    assertThat(agents.softDelete(grace.id(), franks.id()).await()).isFalse();
    assertThat(agents.listByOwner(frank.id()).await()).extracting(Agent::id).containsExactly(franks.id());
  }

  @Test
  void a_soft_deleted_agent_leaves_the_list_but_routing_still_tells_it_apart() {
    User heidi = users.create("heidi", "heidi@hub.test").await();
    Agent gone = agents.create(heidi.id(), NewAgent.named("temp", Visibility.PUBLIC)).await();
    assertThat(agents.softDelete(heidi.id(), gone.id()).await()).isTrue();
    assertThat(agents.softDelete(heidi.id(), gone.id()).await()).isFalse();
    assertThat(agents.listByOwner(heidi.id()).await()).isEmpty();
    assertThat(agents.route(gone.jid()).await().orElseThrow().deleted()).isTrue();
  }

  @Test
  void an_agent_needs_a_name() {
    assertThatThrownBy(() -> new NewAgent(new JsonObject(), null, null, null, null, Visibility.PRIVATE))
        .hasMessageContaining("name");
  }
}
