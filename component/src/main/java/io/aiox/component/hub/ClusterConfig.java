package io.aiox.component.hub;

import io.aiox.config.ConfigSection;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The {@code cluster} section: whether this hub's event bus is clustered (Hazelcast), what this node does, and how
 * it finds the others. Members are listed (TCP/IP join, never multicast), and the node binds one address, so a
 * cluster on one machine runs on loopback and nothing leaves it.
 *
 * @param role {@code both} (the default: one process does everything), {@code component} (the XMPP side and the
 *     console; turns go to workers over the bus) or {@code worker} (inference, memory and tools; no XMPP connection)
 * @param host the address this node binds and announces, for Hazelcast and for the event bus
 * @param port Hazelcast's port on {@code host}; the event bus takes {@code bus_port} (0: any free port)
 * @param members {@code host:port} of the nodes to join (this node's own may be listed)
 */
public record ClusterConfig(boolean enabled, Role role, String name, String host, int port, int busPort,
                            List<String> members) {
  public static final ClusterConfig OFF = new ClusterConfig(false, Role.BOTH, "aiox", "127.0.0.1", 5701, 0,
      List.of());
  private static final Set<String> KEYS = Set.of("enabled", "role", "name", "host", "port", "bus_port", "members");

  /** What a node runs. */
  public enum Role {
    BOTH, COMPONENT, WORKER;

    public boolean component() {
      return this != WORKER;
    }

    public boolean worker() {
      return this != COMPONENT;
    }
  }

  public ClusterConfig {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("cluster.port must be 1..65535, was " + port);
    }
    if (busPort < 0 || busPort > 65535) {
      throw new IllegalArgumentException("cluster.bus_port must be 0..65535, was " + busPort);
    }
    for (String member : members) {
      if (!member.matches("[^:\\s]+:\\d{1,5}")) {
        throw new IllegalArgumentException("cluster.members lists host:port entries; found '" + member + "'");
      }
    }
    if (enabled && members.isEmpty()) {
      throw new IllegalArgumentException("cluster.members must list at least one host:port when cluster.enabled");
    }
    if (!enabled && role != Role.BOTH) {
      throw new IllegalArgumentException("cluster.role " + role.name().toLowerCase(Locale.ROOT)
          + " needs cluster.enabled: a node that does only part of the work needs the others on a clustered bus");
    }
    members = List.copyOf(members);
  }

  public static ClusterConfig fromJson(JsonObject json) {
    ConfigSection s = ConfigSection.of("cluster", json, KEYS);
    String role = s.string("role", "both");
    Role parsed;
    try {
      parsed = Role.valueOf(role.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw s.bad("role", "must be both, component or worker, was \"" + role + "\"");
    }
    return new ClusterConfig(s.bool("enabled", false), parsed, s.string("name", OFF.name()),
        s.string("host", OFF.host()), s.integer("port", OFF.port()), s.integer("bus_port", 0),
        s.strings("members"));
  }
}
