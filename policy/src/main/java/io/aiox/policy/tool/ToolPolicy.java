package io.aiox.policy.tool;

import io.aiox.policy.tool.net.AddressRange;
import io.aiox.policy.tool.net.DomainList;
import io.aiox.policy.tool.net.OperatorEndpoint;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules one agent's calls of one tool run under. A tool's defaults come from the catalog; the owner's row in
 * {@code agent_tools.policy} overrides them key by key ({@link #withOverrides}). Unknown keys and bad values are
 * refused naming the key, and {@code sandbox_required} cannot be switched off: it protects the hub, not the owner.
 *
 * @param readOnly calls that would change something (an HTTP POST) are denied
 * @param rateLimitPerMinute calls per agent and minute; 0 means no limit
 * @param allowedDomains host names a network tool may reach; empty: none
 * @param allowedAddresses internal addresses (loopback, private, ...) a network tool may reach anyway
 * @param allowedTables tables a database tool may read
 * @param requiresApproval each call waits for the owner's approval over XMPP
 * @param sandboxRequired the tool must run in a sandbox; denied while the hub has none for it
 * @param audit audit entries carry the call's arguments (otherwise only the tool, target and outcome)
 * @param timeout the longest a call may run
 * @param maxResponseBytes the most a call reads back; the rest is cut off
 * @param approvalTimeout how long the owner has to decide; then the call is denied as expired
 * @param connection the owner's database a database tool reads: its URL is the owner's secret {@code db:<name>};
 *     "" when none is named
 */
public record ToolPolicy(boolean readOnly, int rateLimitPerMinute, DomainList allowedDomains,
                         List<AddressRange> allowedAddresses, List<String> allowedTables, boolean requiresApproval,
                         boolean sandboxRequired, boolean audit, Duration timeout, int maxResponseBytes,
                         Duration approvalTimeout, String connection) {
  public static final int DEFAULT_TIMEOUT_SECONDS = 10;
  public static final int MAX_TIMEOUT_SECONDS = 120;
  public static final int DEFAULT_MAX_RESPONSE_BYTES = 1 << 20;
  public static final int MAX_RESPONSE_BYTES = 16 << 20;
  public static final int DEFAULT_APPROVAL_TIMEOUT_SECONDS = 300;
  public static final int MAX_APPROVAL_TIMEOUT_SECONDS = 86_400;
  public static final int MAX_RATE_LIMIT = 100_000;

  /** Every key an override may set. */
  public static final Set<String> KEYS = Set.of("read_only", "rate_limit_per_minute", "allowed_domains",
      "allowed_addresses", "allowed_tables", "requires_approval", "sandbox_required", "audit", "timeout_seconds",
      "max_response_bytes", "approval_timeout_seconds", "connection");
  private static final Pattern CONNECTION = Pattern.compile("[a-z0-9][a-z0-9._-]{0,60}");

  /** No restriction but the safe ones: no domains, no internal addresses, 10 s, 1 MiB, 5 min to approve. */
  public static final ToolPolicy BASE = new ToolPolicy(false, 0, DomainList.of(List.of()), List.of(), List.of(),
      false, false, false, Duration.ofSeconds(DEFAULT_TIMEOUT_SECONDS), DEFAULT_MAX_RESPONSE_BYTES,
      Duration.ofSeconds(DEFAULT_APPROVAL_TIMEOUT_SECONDS), "");

  public ToolPolicy {
    allowedAddresses = List.copyOf(allowedAddresses);
    allowedTables = List.copyOf(allowedTables);
  }

  /** This policy with the keys of {@code json} replacing its own; {@link PolicyInvalid} names a bad key. */
  public ToolPolicy withOverrides(JsonObject json) {
    for (String key : json.fieldNames()) {
      if (!KEYS.contains(key)) {
        throw new PolicyInvalid("unknown tool policy key '" + key + "' (known: " + KEYS.stream().sorted().toList()
            + ")");
      }
    }
    boolean sandbox = bool(json, "sandbox_required", sandboxRequired);
    if (sandboxRequired && !sandbox) {
      throw new PolicyInvalid("'sandbox_required' cannot be switched off for this tool");
    }
    return new ToolPolicy(bool(json, "read_only", readOnly),
        integer(json, "rate_limit_per_minute", rateLimitPerMinute, 0, MAX_RATE_LIMIT),
        json.containsKey("allowed_domains") ? domains(json) : allowedDomains,
        json.containsKey("allowed_addresses") ? addresses(json) : allowedAddresses,
        json.containsKey("allowed_tables") ? strings(json, "allowed_tables") : allowedTables,
        bool(json, "requires_approval", requiresApproval), sandbox, bool(json, "audit", audit),
        Duration.ofSeconds(integer(json, "timeout_seconds", (int) timeout.toSeconds(), 1, MAX_TIMEOUT_SECONDS)),
        integer(json, "max_response_bytes", maxResponseBytes, 1, MAX_RESPONSE_BYTES),
        Duration.ofSeconds(integer(json, "approval_timeout_seconds", (int) approvalTimeout.toSeconds(), 1,
            MAX_APPROVAL_TIMEOUT_SECONDS)), json.containsKey("connection") ? connection(json) : connection);
  }

  /**
   * This policy with the network rule of a host the operator named (its own service) in place of the owner's
   * allowed domains and addresses; the caps and timeout stay the agent's.
   */
  public ToolPolicy reaching(OperatorEndpoint endpoint) {
    return new ToolPolicy(readOnly, rateLimitPerMinute, endpoint.domains(), endpoint.addresses(), allowedTables,
        requiresApproval, sandboxRequired, audit, timeout, maxResponseBytes, approvalTimeout, connection);
  }

  public JsonObject toJson() {
    return new JsonObject().put("read_only", readOnly).put("rate_limit_per_minute", rateLimitPerMinute)
        .put("allowed_domains", new JsonArray(allowedDomains.entries()))
        .put("allowed_addresses", new JsonArray(allowedAddresses.stream().map(AddressRange::toString).toList()))
        .put("allowed_tables", new JsonArray(allowedTables)).put("requires_approval", requiresApproval)
        .put("sandbox_required", sandboxRequired).put("audit", audit).put("timeout_seconds", timeout.toSeconds())
        .put("max_response_bytes", maxResponseBytes).put("approval_timeout_seconds", approvalTimeout.toSeconds())
        .put("connection", connection);
  }

  private static boolean bool(JsonObject json, String key, boolean current) {
    Object v = json.getValue(key);
    if (v == null && !json.containsKey(key)) {
      return current;
    }
    if (!(v instanceof Boolean b)) {
      throw new PolicyInvalid("tool policy key '" + key + "' must be true or false, not " + v);
    }
    return b;
  }

  private static int integer(JsonObject json, String key, int current, int min, int max) {
    if (!json.containsKey(key)) {
      return current;
    }
    Object v = json.getValue(key);
    if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue()) || n.longValue() < min
        || n.longValue() > max) {
      throw new PolicyInvalid("tool policy key '" + key + "' must be a whole number from " + min + " to " + max
          + ", not " + v);
    }
    return n.intValue();
  }

  private static List<String> strings(JsonObject json, String key) {
    Object v = json.getValue(key);
    if (!(v instanceof JsonArray array)) {
      throw new PolicyInvalid("tool policy key '" + key + "' must be a list of strings, not " + v);
    }
    List<String> out = new ArrayList<>(array.size());
    for (Object item : array) {
      if (!(item instanceof String s) || s.isBlank()) {
        throw new PolicyInvalid("tool policy key '" + key + "' must be a list of strings; '" + item + "' is not");
      }
      out.add(s.strip());
    }
    return out;
  }

  /** A connection's name, or "" for none (what {@link #toJson} writes when no connection is named). */
  private static String connection(JsonObject json) {
    Object v = json.getValue("connection");
    if (!(v instanceof String s) || !(s.isEmpty() || CONNECTION.matcher(s).matches())) {
      throw new PolicyInvalid("tool policy key 'connection' must be a connection name (lower-case letters, digits,"
          + " '.', '_', '-'; the owner's secret db:<name> holds its URL), not " + v);
    }
    return s;
  }

  private static DomainList domains(JsonObject json) {
    try {
      return DomainList.of(strings(json, "allowed_domains"));
    } catch (IllegalArgumentException e) {
      throw new PolicyInvalid("tool policy key 'allowed_domains': " + e.getMessage());
    }
  }

  private static List<AddressRange> addresses(JsonObject json) {
    try {
      return strings(json, "allowed_addresses").stream().map(AddressRange::parse).toList();
    } catch (IllegalArgumentException e) {
      throw new PolicyInvalid("tool policy key 'allowed_addresses': " + e.getMessage());
    }
  }
}
