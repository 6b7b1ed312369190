package io.aiox.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Two ejabberd nodes in one cluster, each on its own loopback address, sharing accounts through Mnesia. */
@ExtendWith(RealServers.class)
class EjabberdClusterIT {
  @Test
  void a_user_registered_on_one_node_logs_in_on_the_other_and_a_killed_node_rejoins_when_restarted(
      TestServers servers) {
    long t0 = System.nanoTime();
    try (EjabberdCluster cluster = servers.ejabberdCluster("cluster-it", "cluster.test", 2)) {
      System.out.println("[aiox-testkit] two-node ejabberd cluster ready in "
          + Duration.ofNanos(System.nanoTime() - t0).toMillis() + " ms");
      EjabberdServer a = cluster.node(0);
      EjabberdServer b = cluster.node(1);
      assertThat(a.host()).isNotEqualTo(b.host()).startsWith("127.");
      assertThat(b.clusterNodes()).contains(a.nodeName(), b.nodeName());

      a.register("juliet", "capulet");
      XMPPTCPConnection onB = b.connect("juliet", "capulet");
      assertThat(onB.isAuthenticated()).isTrue();
      onB.disconnect();

      long killed = System.nanoTime();
      a.kill();
      while (b.clusterNodes().contains(a.nodeName()) && System.nanoTime() - killed < 10_000_000_000L) {
        Ports.sleep(Duration.ofMillis(20));
      }
      System.out.println("[aiox-testkit] the other node saw the killed one leave in "
          + Duration.ofNanos(System.nanoTime() - killed).toMillis() + " ms");
      assertThat(b.clusterNodes()).doesNotContain(a.nodeName());
      b.register("romeo", "montague"); // written while a is away

      long t1 = System.nanoTime();
      a.restart();
      System.out.println("[aiox-testkit] killed node back in the cluster in "
          + Duration.ofNanos(System.nanoTime() - t1).toMillis() + " ms");
      assertThat(a.clusterNodes()).contains(a.nodeName(), b.nodeName());
      XMPPTCPConnection onA = a.connect("romeo", "montague");
      assertThat(onA.isAuthenticated()).as("an account made while the node was down").isTrue();
      onA.disconnect();
    }
  }
}
