package io.aiox.component.hub;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import io.vertx.core.spi.cluster.ClusterManager;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The Hazelcast cluster manager of a clustered hub (docs/scaling.md, "Why Hazelcast"): Vert.x's own map settings,
 * members joined over TCP/IP from the list in {@code cluster.members} (never multicast or cloud discovery), bound to
 * {@code cluster.host} only, and no phone-home: a cluster on loopback sends nothing off the machine.
 */
final class ClusterManagers {
  /** Held here: java.util.logging keeps loggers weakly, and a collected one forgets its level. */
  private static final Logger HAZELCAST = Logger.getLogger("com.hazelcast");
  private static final Logger HAZELCAST_CP = Logger.getLogger("com.hazelcast.cp");
  private ClusterManagers() {}

  static ClusterManager hazelcast(ClusterConfig cluster) {
    // Hazelcast reports every membership step at INFO; the hub says what matters (joined, a worker lost) itself.
    HAZELCAST.setLevel(Level.WARNING);
    // the bus uses no CP data structures, so the warning that the CP subsystem is off says nothing to an operator
    HAZELCAST_CP.setLevel(Level.SEVERE);
    Config config = ConfigUtil.loadConfig();
    config.setClusterName(cluster.name());
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.logging.type", "jdk");
    config.setProperty("hazelcast.socket.bind.any", "false");
    config.setProperty("hazelcast.local.localAddress", cluster.host());
    // Vert.x leaves the cluster when the hub closes; Hazelcast's own hook would leave first and strand the bus.
    config.setProperty("hazelcast.shutdownhook.enabled", "false");
    // A listed member answers at once on loopback; the default 5 s wait before joining only slows start-up.
    config.setProperty("hazelcast.wait.seconds.before.join", "0");
    // A node that died is noticed within seconds, so its turns fail (and are retried elsewhere) promptly.
    config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
    config.setProperty("hazelcast.max.no.heartbeat.seconds", "6");
    NetworkConfig network = config.getNetworkConfig();
    network.setPort(cluster.port()).setPortAutoIncrement(false);
    network.getInterfaces().setEnabled(true).addInterface(cluster.host());
    network.setPublicAddress(cluster.host() + ":" + cluster.port());
    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).setMembers(cluster.members());
    return new HazelcastClusterManager(config);
  }
}
