package io.aiox.policy.quota;

import io.aiox.config.ConfigSection;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The hub's quota configuration (the {@code quota} section): default limits per scope, how long a turn's
 * concurrency slot lives if it is never settled (a crashed turn frees itself), and how long a quota check may take
 * before the turn is refused as unavailable, how long a check reuses what the database said (the owner's limits, the
 * day's stored totals; {@code snapshot_ttl_ms}, so a change of limits takes effect within it) and how long settled
 * turns gather before their tokens are written to the day's totals ({@code totals_flush_ms}). 0 for either of the
 * last two: every turn reads or writes the database itself.
 *
 * <p>Resolution, per limit: for the agent's counters the agent's governance, else the owner's {@code quota_config},
 * else {@code quota.agent}; for the owner's counters the owner's {@code quota_config}, else {@code quota.user} (an
 * agent cannot raise its owner's total); for a remote domain its entry under {@code quota.remote_domains} (an
 * operator's override for one federated server, e.g. a partner's), else {@code quota.remote_domain}.
 */
public record QuotaDefaults(Limits user, Limits agent, Limits remoteDomain, Duration slotTtl, Duration checkTimeout,
                            Map<String, Limits> remoteDomains, Duration snapshotTtl, Duration totalsFlush) {
  public static final Limits DEFAULT_USER = new Limits(20_000, 1_000_000, 120, 16);
  public static final Limits DEFAULT_AGENT = new Limits(20_000, 1_000_000, 120, 16);
  public static final Limits DEFAULT_REMOTE_DOMAIN = new Limits(10_000, 200_000, 300, 16);
  public static final Duration DEFAULT_SLOT_TTL = Duration.ofSeconds(300);
  public static final Duration DEFAULT_CHECK_TIMEOUT = Duration.ofMillis(2_000);
  public static final Duration DEFAULT_SNAPSHOT_TTL = Duration.ofMillis(5_000);
  public static final Duration DEFAULT_TOTALS_FLUSH = Duration.ofMillis(100);
  public static final QuotaDefaults DEFAULTS = new QuotaDefaults(DEFAULT_USER, DEFAULT_AGENT, DEFAULT_REMOTE_DOMAIN,
      DEFAULT_SLOT_TTL, DEFAULT_CHECK_TIMEOUT, Map.of(), DEFAULT_SNAPSHOT_TTL, DEFAULT_TOTALS_FLUSH);

  private static final Set<String> KEYS =
      Set.of("user", "agent", "remote_domain", "remote_domains", "slot_ttl_seconds", "check_timeout_ms",
          "snapshot_ttl_ms", "totals_flush_ms");

  public QuotaDefaults {
    Map<String, Limits> domains = new HashMap<>();
    (remoteDomains == null ? Map.<String, Limits>of() : remoteDomains)
        .forEach((d, l) -> domains.put(d.toLowerCase(Locale.ROOT), l));
    remoteDomains = Map.copyOf(domains);
    if (slotTtl.isNegative() || slotTtl.isZero()) {
      throw new IllegalArgumentException("quota.slot_ttl_seconds must be > 0");
    }
    if (checkTimeout.isNegative() || checkTimeout.isZero()) {
      throw new IllegalArgumentException("quota.check_timeout_ms must be > 0");
    }
    if (snapshotTtl.isNegative() || totalsFlush.isNegative()) {
      throw new IllegalArgumentException("quota.snapshot_ttl_ms and quota.totals_flush_ms must be >= 0");
    }
  }

  /** Every check reads the database and every settled turn writes it (what tests of the stores want). */
  public QuotaDefaults(Limits user, Limits agent, Limits remoteDomain, Duration slotTtl, Duration checkTimeout) {
    this(user, agent, remoteDomain, slotTtl, checkTimeout, Map.of());
  }

  public QuotaDefaults(Limits user, Limits agent, Limits remoteDomain, Duration slotTtl, Duration checkTimeout,
                       Map<String, Limits> remoteDomains) {
    this(user, agent, remoteDomain, slotTtl, checkTimeout, remoteDomains, Duration.ZERO, Duration.ZERO);
  }

  /** Reads the {@code quota} section; absent keys keep their defaults, unknown keys fail naming them. */
  public static QuotaDefaults fromJson(JsonObject json) {
    ConfigSection.of("quota", json, KEYS);
    Limits remote = scope(json, "remote_domain", DEFAULT_REMOTE_DOMAIN);
    Map<String, Limits> domains = new HashMap<>();
    JsonObject perDomain = json.getJsonObject("remote_domains", new JsonObject());
    for (String domain : perDomain.fieldNames()) {
      if (!(perDomain.getValue(domain) instanceof JsonObject)) {
        throw new IllegalArgumentException("quota.remote_domains." + domain + " must be an object of limits");
      }
      domains.put(domain, scope(perDomain, domain, remote, "quota.remote_domains." + domain));
    }
    return new QuotaDefaults(scope(json, "user", DEFAULT_USER), scope(json, "agent", DEFAULT_AGENT), remote,
        Duration.ofSeconds(positive(json, "slot_ttl_seconds", DEFAULT_SLOT_TTL.toSeconds())),
        Duration.ofMillis(positive(json, "check_timeout_ms", DEFAULT_CHECK_TIMEOUT.toMillis())), domains,
        Duration.ofMillis(notNegative(json, "snapshot_ttl_ms", DEFAULT_SNAPSHOT_TTL.toMillis())),
        Duration.ofMillis(notNegative(json, "totals_flush_ms", DEFAULT_TOTALS_FLUSH.toMillis())));
  }


  private static Limits scope(JsonObject json, String name, Limits defaults) {
    return scope(json, name, defaults, "quota." + name);
  }

  private static Limits scope(JsonObject json, String name, Limits defaults, String path) {
    JsonObject section = json.getJsonObject(name, new JsonObject());
    onlyLimitKeys(section, path);
    return defaults.overriddenBy(section, path);
  }

  /**
   * Checks an owner's {@code quota_config} before it is stored: only the limit keys, each a value a turn accepts
   * (a turn would refuse the owner's messages over a bad one). Fails naming the key.
   */
  public static void checkOwnerConfig(JsonObject quotaConfig) {
    onlyLimitKeys(quotaConfig, "quota_config");
    DEFAULTS.resolve(quotaConfig, new JsonObject());
  }

  private static void onlyLimitKeys(JsonObject section, String path) {
    for (String key : section.fieldNames()) {
      if (Arrays.stream(Limit.values()).noneMatch(l -> l.key().equals(key))) {
        throw new IllegalArgumentException("unknown configuration key " + path + "." + key);
      }
    }
  }

  private static long positive(JsonObject json, String key, long fallback) {
    return atLeast(json, key, fallback, 1);
  }

  private static long notNegative(JsonObject json, String key, long fallback) {
    return atLeast(json, key, fallback, 0);
  }

  private static long atLeast(JsonObject json, String key, long fallback, long min) {
    Object v = json.getValue(key, fallback);
    if ((v instanceof Integer || v instanceof Long) && ((Number) v).longValue() >= min) {
      return ((Number) v).longValue();
    }
    throw new IllegalArgumentException("quota." + key + " must be a whole number >= " + min + "; was " + v);
  }

  public JsonObject toJson() {
    return new JsonObject().put("user", user.toJson()).put("agent", agent.toJson())
        .put("remote_domain", remoteDomain.toJson())
        .put("remote_domains", remoteDomains.entrySet().stream().collect(JsonObject::new,
            (o, e) -> o.put(e.getKey(), e.getValue().toJson()), JsonObject::mergeIn))
        .put("slot_ttl_seconds", slotTtl.toSeconds())
        .put("check_timeout_ms", checkTimeout.toMillis())
        .put("snapshot_ttl_ms", snapshotTtl.toMillis())
        .put("totals_flush_ms", totalsFlush.toMillis());
  }

  /**
   * The limits of one turn.
   *
   * @throws IllegalArgumentException naming the key when the quota config or the governance sets a bad value
   */
  public ScopedLimits resolve(JsonObject userQuotaConfig, JsonObject agentGovernance) {
    return resolve(userQuotaConfig, userQuotaConfig, agentGovernance, Optional.empty());
  }

  /** The limits that bind senders of {@code domain}: its override, else {@code quota.remote_domain}. */
  public Limits remoteDomain(String domain) {
    return remoteDomains.getOrDefault(domain.toLowerCase(Locale.ROOT), remoteDomain);
  }

  /**
   * The same when one owner pays for a turn of another owner's agent: the user limits are the payer's, the agent
   * limits its own owner's.
   */
  public ScopedLimits resolve(JsonObject payerQuotaConfig, JsonObject agentOwnerQuotaConfig,
                              JsonObject agentGovernance, Optional<String> senderDomain) {
    Limits owner = user.overriddenBy(payerQuotaConfig, "the owner's quota_config");
    Limits agentLimits = agent.overriddenBy(agentOwnerQuotaConfig, "the owner's quota_config")
        .overriddenBy(agentGovernance, "the agent's governance");
    return new ScopedLimits(owner, agentLimits, senderDomain.map(this::remoteDomain).orElse(remoteDomain));
  }
}
