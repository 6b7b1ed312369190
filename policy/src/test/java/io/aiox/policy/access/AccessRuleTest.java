package io.aiox.policy.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aiox.schema.agent.Agent;
import io.aiox.schema.agent.Visibility;
import io.aiox.schema.id.AgentId;
import io.aiox.schema.id.AgentJid;
import io.aiox.schema.id.OwnerId;
import io.aiox.schema.user.User;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** rfc sections 2 and "Federation": who may reach an agent, local and remote senders, deny lists. */
class AccessRuleTest {
  private static final OwnerId OWNER = OwnerId.random();
  private static final User OWNER_USER = new User(OWNER, "olga", "olga@hub.test", null);
  private static final AccessRule RULE = new AccessRule("hub.test",
      new FederationConfig(List.of("spam.example")));

  private static Agent agent(Visibility visibility, JsonObject governance) {
    AgentId id = AgentId.random();
    return new Agent(id, OWNER, new AgentJid(id, "agents.hub.test"), new JsonObject().put("name", "A"),
        new JsonObject(), new JsonObject(), new JsonObject(), governance, 1, visibility, OffsetDateTime.now(),
        OffsetDateTime.now(), null);
  }

  private static AccessDecision stranger(Agent agent, String jid) {
    return RULE.decide(agent, Optional.empty(), jid);
  }

  private static JsonArray list(String... entries) {
    return new JsonArray(List.of((Object[]) entries));
  }

  @Test
  void a_public_agent_admits_local_and_remote_senders() {
    Agent agent = agent(Visibility.PUBLIC, new JsonObject());
    assertThat(stranger(agent, "ann@hub.test").allowed()).isTrue();
    assertThat(stranger(agent, "bob@other.example").allowed()).isTrue();
  }

  @Test
  void a_private_agent_admits_its_owner_from_a_linked_remote_jid_and_refuses_everyone_else() {
    Agent agent = agent(Visibility.PRIVATE, new JsonObject());
    AccessDecision linked = RULE.decide(agent, Optional.of(OWNER_USER), "olga@other.example");
    assertThat(linked.allowed()).isTrue();
    assertThat(linked.owner()).isTrue();
    assertThat(stranger(agent, "bob@other.example").reason()).isEqualTo("this agent answers only its owner");
  }

  @Test
  void the_hub_wide_deny_list_refuses_a_domain_and_its_subdomains_even_for_the_owners_linked_jid() {
    Agent agent = agent(Visibility.PUBLIC, new JsonObject());
    assertThat(stranger(agent, "eve@spam.example").reason()).isEqualTo("this hub does not accept stanzas from spam.example");
    assertThat(stranger(agent, "eve@muc.SPAM.example").allowed()).isFalse();
    assertThat(stranger(agent, "eve@notspam.example").allowed()).isTrue();
    assertThat(RULE.decide(agent, Optional.of(OWNER_USER), "olga@spam.example").allowed()).isFalse();
  }

  @Test
  void an_agents_deny_lists_refuse_jids_and_domains_but_never_its_owner() {
    Agent agent = agent(Visibility.PUBLIC, new JsonObject().put("denied_jids", list("Mallory@Other.example"))
        .put("denied_domains", list("rude.example")));
    assertThat(stranger(agent, "mallory@other.example").reason())
        .isEqualTo("this agent's owner does not accept messages from mallory@other.example");
    assertThat(stranger(agent, "zed@chat.rude.example").allowed()).isFalse();
    assertThat(stranger(agent, "bob@other.example").allowed()).isTrue();
    Agent ownDomainDenied = agent(Visibility.PUBLIC, new JsonObject().put("denied_domains", list("hub.test")));
    assertThat(RULE.decide(ownDomainDenied, Optional.of(OWNER_USER), "olga@hub.test").allowed()).isTrue();
  }

  @Test
  void a_shared_agent_admits_only_its_listed_jids_and_domains_and_deny_wins_over_allow() {
    Agent agent = agent(Visibility.SHARED, new JsonObject().put("allowed_jids", list("bob@other.example"))
        .put("allowed_domains", list("partner.example")).put("denied_jids", list("carl@partner.example")));
    assertThat(stranger(agent, "bob@other.example").allowed()).isTrue();
    assertThat(stranger(agent, "dora@partner.example").allowed()).isTrue();
    assertThat(stranger(agent, "carl@partner.example").allowed()).isFalse();
    assertThat(stranger(agent, "ann@hub.test").reason())
        .isEqualTo("this agent is shared only with the JIDs and domains its owner listed");
  }

  @Test
  void a_public_agent_with_allowed_remote_domains_admits_this_hubs_users_and_only_those_servers() {
    Agent agent = agent(Visibility.PUBLIC, new JsonObject().put("allowed_remote_domains", list("partner.example")));
    assertThat(stranger(agent, "ann@hub.test").allowed()).isTrue();
    assertThat(stranger(agent, "dora@partner.example").allowed()).isTrue();
    assertThat(stranger(agent, "bob@other.example").reason()).contains("other.example is not among them");
    Agent localOnly = agent(Visibility.PUBLIC, new JsonObject().put("allowed_remote_domains", new JsonArray()));
    assertThat(stranger(localOnly, "dora@partner.example").allowed()).isFalse();
    assertThat(stranger(localOnly, "ann@hub.test").allowed()).isTrue();
  }

  @Test
  void unreadable_lists_refuse_everyone_but_the_owner() {
    Agent agent = agent(Visibility.PUBLIC, new JsonObject().put("denied_jids", "mallory@other.example"));
    assertThat(stranger(agent, "bob@other.example").reason())
        .isEqualTo("this agent's access settings are invalid (denied_jids is not a list); its owner has to fix them");
    assertThat(RULE.decide(agent, Optional.of(OWNER_USER), "olga@hub.test").allowed()).isTrue();
  }

  @Test
  void a_disabled_owner_is_refused() {
    User disabled = new User(OWNER, "olga", "olga@hub.test", OffsetDateTime.now());
    assertThat(RULE.decide(agent(Visibility.PRIVATE, new JsonObject()), Optional.of(disabled), "olga@hub.test")
        .reason()).isEqualTo("your account is disabled");
  }

  @Test
  void the_federation_section_names_bad_keys_and_entries() {
    assertThat(FederationConfig.fromJson(new JsonObject().put("deny_domains", list(" Spam.Example "))).denyDomains())
        .containsExactly("spam.example");
    assertThatThrownBy(() -> FederationConfig.fromJson(new JsonObject().put("deny", list("x"))))
        .hasMessageStartingWith("unknown configuration key federation.deny (known: ");
    assertThatThrownBy(() -> FederationConfig.fromJson(new JsonObject().put("deny_domains", list("eve@spam.example"))))
        .hasMessageContaining("federation.deny_domains lists domain names");
    assertThatThrownBy(() -> FederationConfig.fromJson(new JsonObject().put("deny_domains", "spam.example")))
        .hasMessageContaining("must be a list");
  }
}
