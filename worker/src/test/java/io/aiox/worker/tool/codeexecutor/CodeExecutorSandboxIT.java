package io.aiox.worker.tool.codeexecutor;

import static org.assertj.core.api.Assertions.assertThat;

import io.aiox.policy.tool.ToolCatalog;
import io.aiox.policy.tool.ToolPolicy;
import io.aiox.worker.tool.ToolFailed;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Escapes from the {@code code_executor} sandbox fail, against real bubblewrap and the system's Python: no network,
 * nothing written outside the private /tmp, the hub's files unseen, and fork, CPU, memory, wall-time and output
 * bombs stopped by their limits while the machine carries on.
 */
class CodeExecutorSandboxIT {
  private static Vertx vertx;
  private static Path root;
  private static Path hubDir;
  private static Path masterKey;
  private static CodeExecutorTool tool;
  private static final ToolPolicy POLICY = ToolCatalog.find(ToolCatalog.CODE_EXECUTOR).orElseThrow().defaults();

  @BeforeAll
  static void start() throws IOException {
    vertx = Vertx.vertx();
    // A "system folder" holding a hub folder: the sandbox mounts the former and must cover the latter. Everything
    // is world-readable, so only the sandbox keeps the sandbox user from it.
    root = Files.createTempDirectory("aiox-sandbox-it");
    Path system = Files.createDirectories(root.resolve("sys"));
    hubDir = Files.createDirectories(system.resolve("hub"));
    Files.writeString(hubDir.resolve("hub.json"), "{\"componentSecret\": \"s3cret-hub\"}");
    masterKey = Files.writeString(system.resolve("master.key"), "MASTER-KEY-BYTES");
    Files.writeString(system.resolve("visible.txt"), "visible");
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : all.toList()) {
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwxr-xr-x"
            : "rw-r--r--"));
      }
    }
    JsonObject json = new JsonObject().put("cpu_seconds", 2).put("wall_seconds", 20).put("memory_mb", 256)
        .put("max_processes", 16).put("max_output_bytes", 4_096).put("tmp_mb", 4)
        .put("system_paths", new JsonArray().add("/usr").add("/bin").add("/lib").add("/lib64").add(system.toString()))
        .put("hidden_paths", new JsonArray().add(hubDir.toString()).add(masterKey.toString()));
    tool = new CodeExecutorTool(vertx, CodeExecutorConfig.fromJson(json));
    assertThat(tool.unavailable()).as("bubblewrap, util-linux and root are needed here").isEmpty();
  }

  @AfterAll
  static void stop() throws IOException {
    vertx.close().await();
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private static Future<JsonObject> run(String code) {
    return tool.execute(new io.aiox.schema.id.OwnerId(java.util.UUID.randomUUID()), new JsonObject().put("language", "python").put("code", code), POLICY);
  }

  private static JsonObject ran(String code) {
    return run(code).await();
  }

  private static String failure(String code) {
    Future<JsonObject> f = run(code);
    f.otherwiseEmpty().await();
    assertThat(f.failed()).as("the program should have been stopped").isTrue();
    assertThat(f.cause()).isInstanceOf(ToolFailed.class);
    return f.cause().getMessage();
  }

  @Test
  void a_program_prints_and_its_exit_status_comes_back() {
    JsonObject out = ran("import sys\nprint('hello', 6 * 7)\nsys.exit(3)\n");
    assertThat(out.getInteger("exit_code")).isEqualTo(3);
    assertThat(out.getString("stdout")).isEqualTo("hello 42\n");
    assertThat(out.getString("stderr")).isEmpty();
    assertThat(tool.sandboxed()).isTrue();
  }

  @Test
  void an_exception_comes_back_as_stderr_text_with_exit_code_1() {
    JsonObject out = ran("def f():\n    raise ValueError('boom')\nf()\n");
    assertThat(out.getInteger("exit_code")).isEqualTo(1);
    assertThat(out.getString("stderr")).contains("Traceback").contains("ValueError: boom");
  }

  @Test
  void the_program_runs_unprivileged_with_an_empty_environment() {
    JsonObject out = ran("import os\nst = open('/proc/self/status').read()\n"
        + "print(os.getuid(), os.getgid(), [l.split()[1] for l in st.splitlines() if l.startswith('CapEff')][0])\n"
        + "print(sorted(os.environ))\nprint(sorted(p for p in os.listdir('/proc') if p.isdigit()))\n");
    assertThat(out.getString("stdout")).isEqualTo("65534 65534 0000000000000000\n"
        + "['HOME', 'LANG', 'PATH', 'PWD', 'TMPDIR']\n['1', '2']\n");
  }

  @Test
  void a_connection_to_a_listener_on_the_hubs_loopback_fails_and_reaches_nothing() throws Exception {
    AtomicInteger accepted = new AtomicInteger();
    ServerSocket listener = new ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"));
    Thread acceptor = Thread.ofVirtual().start(() -> {
      try {
        Socket s = listener.accept();
        accepted.incrementAndGet();
        s.close();
      } catch (IOException closed) {
        // the listener closed at the end of the test
      }
    });
    try {
      JsonObject out = ran("import socket\nprint([n for _, n in socket.if_nameindex()])\n"
          + "for host in ('127.0.0.1', '10.0.2.2', '8.8.8.8'):\n"
          + "    try:\n        socket.create_connection((host, " + listener.getLocalPort() + "), timeout=2)\n"
          + "        print('connected', host)\n"
          + "    except OSError as e:\n        print('failed', host, e.errno)\n");
      assertThat(out.getString("stdout")).startsWith("['lo']\nfailed 127.0.0.1 111\nfailed 10.0.2.2")
          .doesNotContain("connected");
    } finally {
      listener.close();
      acceptor.join();
    }
    assertThat(accepted.get()).as("the listener got no connection").isZero();
  }

  @Test
  void nothing_is_written_outside_the_private_tmp_which_is_bounded() {
    JsonObject out = ran("import os\nfor p in ['/etc/x', '/usr/x', '/x', '/dev/x', '/proc/x', '" + hubDir
        + "/x', '" + root + "/sys/x', '/tmp/ok']:\n"
        + "    try:\n        open(p, 'w').write('hi')\n        print('wrote', p)\n"
        + "    except OSError as e:\n        print('refused', p)\n"
        + "try:\n    open('/tmp/big', 'wb').write(b'x' * (8 << 20))\n    print('big written')\n"
        + "except OSError as e:\n    print('big refused', e.errno)\n");
    assertThat(out.getString("stdout").lines()).startsWith("refused /etc/x", "refused /usr/x", "refused /x",
        "refused /dev/x", "refused /proc/x", "refused " + hubDir + "/x", "refused " + root + "/sys/x",
        "wrote /tmp/ok");
    assertThat(out.getString("stdout")).contains("big refused").doesNotContain("big written");
    assertThat(hubDir.resolve("x")).doesNotExist();
  }

  @Test
  void the_hubs_folder_key_and_working_folder_cannot_be_read() {
    Path cwd = Path.of(System.getProperty("user.dir"));
    JsonObject out = ran("import os\n"
        + "print(open('" + root + "/sys/visible.txt').read())\n"
        + "print(os.listdir('" + hubDir + "'))\n"
        + "for p in ['" + hubDir + "/hub.json', '" + masterKey + "', '" + cwd + "/pom.xml', '/etc/passwd', '/root']:\n"
        + "    try:\n        print('read', p, repr(open(p).read()))\n"
        + "    except OSError as e:\n        print('unreadable', p)\n");
    assertThat(out.getString("stdout").lines()).containsExactly("visible", "[]",
        "unreadable " + hubDir + "/hub.json", "unreadable " + masterKey, "unreadable " + cwd + "/pom.xml",
        "unreadable /etc/passwd", "unreadable /root");
    assertThat(out.encode()).doesNotContain("s3cret-hub").doesNotContain("MASTER-KEY");
  }

  @Test
  void a_fork_bomb_hits_the_process_limit_and_the_machine_carries_on() {
    JsonObject out = ran("import os\nwhile True:\n    os.fork()\n");
    assertThat(out.getInteger("exit_code")).isNotZero();
    assertThat(out.getString("stderr")).contains("BlockingIOError");
    assertThat(out.getLong("duration_ms")).isLessThan(15_000);
    assertThat(ran("print('still here')").getString("stdout")).isEqualTo("still here\n");
  }

  @Test
  void an_endless_loop_is_stopped_at_the_cpu_limit() {
    long started = System.nanoTime();
    assertThat(failure("while True:\n    pass\n")).contains("CPU-time limit of 2 s");
    assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(10_000);
  }

  @Test
  void a_program_that_waits_forever_is_killed_at_the_wall_time_limit_with_its_children() {
    ToolPolicy shorter = POLICY.withOverrides(new JsonObject().put("timeout_seconds", 2));
    long started = System.nanoTime();
    Future<JsonObject> f = tool.execute(new io.aiox.schema.id.OwnerId(java.util.UUID.randomUUID()), new JsonObject().put("language", "python").put("code",
        "import os, time\nfor _ in range(4):\n    if os.fork() == 0:\n        break\ntime.sleep(600)\n"), shorter);
    f.otherwiseEmpty().await();
    assertThat(f.cause()).isInstanceOf(ToolFailed.class).hasMessageContaining("wall-time limit of 2 s");
    assertThat((System.nanoTime() - started) / 1_000_000).isBetween(1_900L, 6_000L);
    // The test servers are this JVM's children too: look for the sandbox's own programs only.
    assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
        .map(p -> p.info().command().orElse("")).filter(c -> c.contains("python") || c.contains("bwrap")).toList())
        .as("nothing of the program is left").isEmpty();
  }

  @Test
  void a_memory_bomb_gets_a_memory_error() {
    JsonObject one = ran("x = bytearray(2 << 30)\n");
    assertThat(one.getString("stderr")).contains("MemoryError");
    JsonObject grow = ran("a = []\nwhile True:\n    a.append(bytearray(10 << 20))\n");
    assertThat(grow.getInteger("exit_code")).isEqualTo(1);
    assertThat(grow.getString("stderr")).contains("MemoryError");
  }

  @Test
  void output_is_cut_at_the_cap_with_a_marker_on_each_stream() {
    JsonObject out = ran("import sys\nprint('x' * 100000)\nsys.stderr.write('y' * 50000)\n");
    assertThat(out.getBoolean("stdout_truncated")).isTrue();
    assertThat(out.getBoolean("stderr_truncated")).isTrue();
    assertThat(out.getString("stdout")).startsWith("xxxx").endsWith("[output truncated: 4096 of 100001 bytes shown]");
    assertThat(out.getString("stderr")).endsWith("[output truncated: 4096 of 50000 bytes shown]");
    assertThat(tool.auditSummary(out).containsKey("stdout")).isFalse();
  }

  @Test
  void without_bubblewrap_the_tool_is_not_sandboxed_and_runs_nothing() {
    CodeExecutorTool missing = new CodeExecutorTool(vertx, CodeExecutorConfig.fromJson(new JsonObject()
        .put("bwrap", "/nonexistent/bwrap")));
    assertThat(missing.sandboxed()).isFalse();
    assertThat(missing.unavailable()).get().asString().contains("bubblewrap is not installed")
        .contains("/nonexistent/bwrap");
    Future<JsonObject> f = missing.execute(new io.aiox.schema.id.OwnerId(java.util.UUID.randomUUID()), new JsonObject().put("language", "python").put("code", "print(1)"),
        POLICY);
    f.otherwiseEmpty().await();
    assertThat(f.cause()).hasMessageContaining("code_executor: no sandbox: bubblewrap is not installed");
  }
}
