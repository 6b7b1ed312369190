package io.aiox.policy.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aiox.policy.quota.QuotaOutcome.Refused;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Limit resolution (agent governance > owner's quota config > hub defaults), hub configuration, refusal texts. */
class QuotaLimitsTest {
  private static final QuotaDefaults HUB = QuotaDefaults.fromJson(new JsonObject()
      .put("user", new JsonObject().put("max_tokens_per_minute", 5_000).put("max_concurrent_turns", 4))
      .put("agent", new JsonObject().put("max_tokens_per_minute", 3_000)));

  @Test
  void agent_governance_overrides_the_owners_quota_config_which_overrides_the_hub_defaults() {
    ScopedLimits limits = HUB.resolve(new JsonObject().put("max_tokens_per_minute", 2_000)
        .put("max_tokens_per_day", 40_000), new JsonObject().put("max_tokens_per_minute", 700)
        .put("allowed_domains", new io.vertx.core.json.JsonArray().add("example.org")));
    assertThat(limits.agent().tokensPerMinute()).as("agent governance").isEqualTo(700);
    assertThat(limits.agent().tokensPerDay()).as("owner's quota config").isEqualTo(40_000);
    assertThat(limits.agent().messagesPerMinute()).as("hub default").isEqualTo(120);
    assertThat(limits.user().tokensPerMinute()).as("an agent cannot raise its owner's total").isEqualTo(2_000);
    assertThat(limits.user().concurrentTurns()).isEqualTo(4);
    assertThat(limits.remoteDomain()).isEqualTo(QuotaDefaults.DEFAULT_REMOTE_DOMAIN);
  }

  @Test
  void minus_one_means_no_limit_and_a_bad_value_is_refused_naming_where_it_came_from() {
    assertThat(HUB.resolve(new JsonObject(), new JsonObject().put("max_tokens_per_day", -1)).agent().tokensPerDay())
        .isEqualTo(Limits.UNLIMITED);
    assertThatThrownBy(() -> HUB.resolve(new JsonObject(), new JsonObject().put("max_tokens_per_minute", "lots")))
        .hasMessageContaining("the agent's governance.max_tokens_per_minute");
    assertThatThrownBy(() -> HUB.resolve(new JsonObject().put("max_concurrent_turns", -2), new JsonObject()))
        .hasMessageContaining("the owner's quota_config.max_concurrent_turns");
  }

  @Test
  void hub_configuration_rejects_unknown_keys_and_round_trips() {
    assertThatThrownBy(() -> QuotaDefaults.fromJson(new JsonObject().put("users", new JsonObject())))
        .hasMessageContaining("quota.users");
    assertThatThrownBy(() -> QuotaDefaults.fromJson(new JsonObject().put("agent",
        new JsonObject().put("tokens_per_minute", 1)))).hasMessageContaining("quota.agent.tokens_per_minute");
    assertThatThrownBy(() -> QuotaDefaults.fromJson(new JsonObject().put("slot_ttl_seconds", 0)))
        .hasMessageContaining("quota.slot_ttl_seconds");
    assertThat(QuotaDefaults.fromJson(HUB.toJson())).isEqualTo(HUB);
    assertThat(QuotaDefaults.fromJson(new JsonObject())).isEqualTo(QuotaDefaults.DEFAULTS);
  }

  @Test
  void one_remote_domain_can_have_its_own_limits_over_the_hub_wide_remote_default() {
    QuotaDefaults hub = QuotaDefaults.fromJson(new JsonObject()
        .put("remote_domain", new JsonObject().put("max_messages_per_minute", 30))
        .put("remote_domains", new JsonObject().put("Partner.Example", new JsonObject()
            .put("max_tokens_per_minute", 50_000))));
    ScopedLimits partner = hub.resolve(new JsonObject(), new JsonObject(), new JsonObject(),
        Optional.of("partner.example"));
    assertThat(partner.remoteDomain().tokensPerMinute()).as("the partner's override").isEqualTo(50_000);
    assertThat(partner.remoteDomain().messagesPerMinute()).as("else the hub-wide remote limit").isEqualTo(30);
    ScopedLimits stranger = hub.resolve(new JsonObject(), new JsonObject(), new JsonObject(),
        Optional.of("other.example"));
    assertThat(stranger.remoteDomain().tokensPerMinute()).isEqualTo(QuotaDefaults.DEFAULT_REMOTE_DOMAIN
        .tokensPerMinute());
    assertThat(QuotaDefaults.fromJson(hub.toJson())).isEqualTo(hub);
    assertThatThrownBy(() -> QuotaDefaults.fromJson(new JsonObject().put("remote_domains", new JsonObject()
        .put("partner.example", new JsonObject().put("max_tokens", 1)))))
        .hasMessageContaining("unknown configuration key quota.remote_domains.partner.example.max_tokens");
    assertThatThrownBy(() -> QuotaDefaults.fromJson(new JsonObject().put("remote_domains", new JsonObject()
        .put("partner.example", 5)))).hasMessageContaining("quota.remote_domains.partner.example must be an object");
  }

  @Test
  void a_refusal_says_which_limit_ran_out_what_is_left_and_when_it_resets() {
    Refused r = new Refused(QuotaScope.AGENT, Limit.TOKENS_PER_MINUTE, 1_000, 40, 290,
        Instant.parse("2030-05-01T12:03:17.250Z"));
    assertThat(r.text()).isEqualTo("quota: this agent's tokens per minute limit (1000) has 40 tokens left, and this"
        + " message needs up to 290 tokens (its prompt and the longest answer allowed); enough frees up at"
        + " 2030-05-01 12:03:17 UTC");
    Refused spent = new Refused(QuotaScope.USER, Limit.TOKENS_PER_DAY, 3_000, 0, 290,
        Instant.parse("2030-05-02T00:00:00Z"));
    assertThat(spent.text()).isEqualTo("quota: the agent owner's tokens per day limit (3000) is used up; it resets"
        + " at 2030-05-02 00:00:00 UTC");
    Refused tooBig = new Refused(QuotaScope.USER, Limit.TOKENS_PER_DAY, 3_000, 2_000, 20_520,
        Instant.parse("2030-05-02T00:00:00Z"));
    assertThat(tooBig.text()).as("never 'used up' while tokens are left")
        .doesNotContain("used up").contains("(3000) is smaller than what this message needs up to 20520 tokens");
    assertThat(r.concurrency()).isFalse();
    Refused busy = new Refused(QuotaScope.USER, Limit.CONCURRENT_TURNS, 2, 0, 100,
        Instant.parse("2030-05-01T12:08:00Z"));
    assertThat(busy.concurrency()).isTrue();
    assertThat(busy.text()).contains("the agent owner's concurrent turns limit (2) is reached");
  }

  @Test
  void only_senders_outside_the_hubs_domain_count_against_a_remote_domain() {
    assertThat(QuotaRequest.remoteDomain("hub.test", "hub.test")).isEmpty();
    assertThat(QuotaRequest.remoteDomain("Conference.HUB.test", "hub.test")).isEmpty();
    assertThat(QuotaRequest.remoteDomain("Other.Example", "hub.test")).isEqualTo(Optional.of("other.example"));
  }

  @Test
  void a_turn_reserves_its_prompt_estimate_plus_its_maximum_answer() {
    assertThat(PromptEstimate.tokens("")).isEqualTo(PromptEstimate.TURN_OVERHEAD);
    assertThat(PromptEstimate.tokens("abcdef")).isEqualTo(2 + PromptEstimate.TURN_OVERHEAD);
    assertThat(PromptEstimate.turnMaximum("abcdefg", 256)).isEqualTo(3 + PromptEstimate.TURN_OVERHEAD + 256);
  }
}
