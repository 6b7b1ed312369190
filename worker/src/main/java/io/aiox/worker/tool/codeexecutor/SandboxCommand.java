package io.aiox.worker.tool.codeexecutor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The command line that runs one program: {@code prlimit} sets the limits, {@code setpriv} drops to the sandbox
 * user with no capabilities, {@code bwrap} builds the sandbox and Python reads the program from its stdin. The
 * sandbox has new namespaces of every kind (so no network: only its own loopback), no further user namespaces,
 * the system folders read-only with the hub's paths covered, {@code /dev} and {@code /} read-only, and a private
 * {@code /tmp} of {@code tmp_mb}. It dies with the hub.
 */
final class SandboxCommand {
  static final Path PRLIMIT = Path.of("/usr/bin/prlimit");
  static final Path SETPRIV = Path.of("/usr/bin/setpriv");
  private static final long MIB = 1L << 20;
  private static final int MAX_OPEN_FILES = 256;

  private SandboxCommand() {}

  static List<String> argv(CodeExecutorConfig c) {
    List<String> argv = new ArrayList<>(limits(c));
    argv.addAll(List.of(SETPRIV.toString(), "--reuid=" + c.sandboxUid(), "--regid=" + c.sandboxUid(),
        "--clear-groups", "--inh-caps=-all", "--bounding-set=-all", "--no-new-privs", "--"));
    argv.addAll(List.of(c.bwrap().toString(), "--unshare-all", "--unshare-user", "--disable-userns",
        "--die-with-parent", "--new-session", "--clearenv"));
    argv.addAll(mounts(c));
    argv.addAll(List.of("--setenv", "PATH", "/usr/bin:/bin", "--setenv", "HOME", "/tmp", "--setenv", "TMPDIR",
        "/tmp", "--setenv", "LANG", "C.UTF-8", "--chdir", "/tmp", "--"));
    // -I: no user site, no PYTHON* variables, no script folder on sys.path; -B: nothing to write next to modules.
    argv.addAll(List.of(c.python().toString(), "-I", "-B", "-"));
    return argv;
  }

  /** CPU gets a second of grace between SIGXCPU and SIGKILL, so the usual end is the telling signal. */
  private static List<String> limits(CodeExecutorConfig c) {
    return List.of(PRLIMIT.toString(), "--cpu=" + c.cpuSeconds() + ":" + (c.cpuSeconds() + 1),
        "--as=" + c.memoryMb() * MIB, "--nproc=" + c.maxProcesses(), "--fsize=" + c.tmpMb() * MIB, "--core=0",
        "--nofile=" + MAX_OPEN_FILES, "--");
  }

  private static List<String> mounts(CodeExecutorConfig c) {
    // /tmp first: a system folder configured below /tmp stays visible over it.
    List<String> m = new ArrayList<>(List.of("--dev", "/dev", "--proc", "/proc", "--size",
        String.valueOf(c.tmpMb() * MIB), "--tmpfs", "/tmp"));
    List<Path> bound = new ArrayList<>();
    for (Path p : c.systemPaths()) {
      if (Files.isSymbolicLink(p)) {
        m.addAll(List.of("--symlink", readLink(p), p.toString()));
      } else if (Files.isDirectory(p)) {
        m.addAll(List.of("--ro-bind", p.toString(), p.toString()));
        bound.add(p);
      }
    }
    for (Path h : hidden(c)) {
      real(h).filter(r -> bound.stream().anyMatch(r::startsWith)).ifPresent(r -> m.addAll(cover(r)));
    }
    m.addAll(List.of("--remount-ro", "/dev", "--remount-ro", "/"));
    return m;
  }

  /** The configured hidden paths and the JVM's working folder. */
  static List<Path> hidden(CodeExecutorConfig c) {
    return c.hiding(List.of(Path.of(System.getProperty("user.dir")))).hiddenPaths();
  }

  /** An empty read-only folder over a folder, the empty {@code /dev/null} over a file. */
  private static List<String> cover(Path p) {
    return Files.isDirectory(p)
        ? List.of("--size", "4096", "--tmpfs", p.toString(), "--remount-ro", p.toString())
        : List.of("--ro-bind", "/dev/null", p.toString());
  }

  private static Optional<Path> real(Path p) {
    try {
      return Optional.of(p.toRealPath());
    } catch (IOException e) {
      return Optional.empty(); // nothing there, nothing to show
    }
  }

  private static String readLink(Path p) {
    try {
      return Files.readSymbolicLink(p).toString();
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the link " + p + ": " + e.getMessage(), e);
    }
  }
}
