package io.aiox.worker.tool.codeexecutor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class SandboxCommandTest {
  private final List<String> argv = SandboxCommand.argv(CodeExecutorConfig.DEFAULTS);

  @Test
  void limits_come_first_then_the_user_drop_then_the_sandbox_then_python_reading_stdin() {
    assertThat(argv.get(0)).isEqualTo("/usr/bin/prlimit");
    assertThat(argv).contains("--cpu=10:11", "--as=" + (256L << 20), "--nproc=32", "--core=0", "--reuid=65534",
        "--inh-caps=-all", "--no-new-privs");
    assertThat(argv.indexOf("/usr/bin/prlimit")).isLessThan(argv.indexOf("/usr/bin/setpriv"));
    assertThat(argv.indexOf("/usr/bin/setpriv")).isLessThan(argv.indexOf("/usr/bin/bwrap"));
    assertThat(argv.subList(argv.size() - 4, argv.size())).containsExactly("/usr/bin/python3", "-I", "-B", "-");
  }

  @Test
  void the_sandbox_has_no_network_and_sees_only_the_system_folders_read_only() {
    assertThat(argv).contains("--unshare-all", "--unshare-user", "--disable-userns", "--die-with-parent",
        "--new-session", "--clearenv");
    assertThat(argv).doesNotContain("--share-net", "--bind", "--dev-bind");
    assertThat(Collections.indexOfSubList(argv, List.of("--ro-bind", "/usr", "/usr"))).isPositive();
    assertThat(Collections.indexOfSubList(argv, List.of("--ro-bind", "/", "/"))).isNegative();
    assertThat(Collections.indexOfSubList(argv, List.of("--remount-ro", "/"))).isPositive();
    assertThat(Collections.indexOfSubList(argv, List.of("--size", String.valueOf(16L << 20), "--tmpfs", "/tmp")))
        .isPositive();
  }
}
