package io.aiox.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The names federated test hubs resolve each other by: added in a marked block, removed exactly. */
class HostsFileIT {
  @Test
  void a_run_adds_resolvable_names_and_removes_exactly_its_own_lines() throws Exception {
    String before = Files.readString(HostsFile.HOSTS);
    HostsFile first = HostsFile.add("t1first", List.of(List.of("a-t1first.test", "agents.a-t1first.test"),
        List.of("b-t1first.test")));
    HostsFile second = HostsFile.add("t1second", List.of(List.of("a-t1second.test")));
    try {
      assertThat(InetAddress.getByName("agents.a-t1first.test").getHostAddress()).isEqualTo(first.address(0));
      assertThat(InetAddress.getByName("b-t1first.test").getHostAddress()).isEqualTo(first.address(1));
      assertThat(first.address(0)).matches("127\\.\\d+\\.\\d+\\.1").isNotEqualTo(second.address(0));
      first.close();
      String after = Files.readString(HostsFile.HOSTS);
      assertThat(after).doesNotContain("t1first").contains("a-t1second.test");
    } finally {
      first.close();
      second.close();
    }
    assertThat(Files.readString(HostsFile.HOSTS)).isEqualTo(before);
  }
}
