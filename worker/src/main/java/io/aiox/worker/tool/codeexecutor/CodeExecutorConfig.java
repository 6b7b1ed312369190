package io.aiox.worker.tool.codeexecutor;

import io.aiox.config.ConfigSection;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * How the hub runs {@code code_executor} programs (the {@code tools.code_executor} section of its configuration).
 * The limits hold for every call; an agent's policy can only shorten the wall time ({@code timeout_seconds}) and
 * the output ({@code max_response_bytes}).
 *
 * @param bwrap the bubblewrap binary
 * @param python the interpreter, inside one of {@code systemPaths}
 * @param cpuSeconds CPU time of each process (then SIGXCPU, a second later SIGKILL)
 * @param memoryMb address space of each process
 * @param maxProcesses processes and threads of the sandbox user at once, all running programs together
 * @param wallSeconds the longest a program runs before it is killed
 * @param maxOutputBytes bytes kept of stdout and of stderr each; the rest is cut off with a marker
 * @param tmpMb size of the program's private {@code /tmp}, also the largest file it may write
 * @param sandboxUid the unprivileged user id programs run as (never 0)
 * @param maxConcurrent programs running at once; further calls are refused until one ends
 * @param systemPaths host folders mounted read-only in the sandbox (symbolic links are recreated as links)
 * @param hiddenPaths host paths covered by an empty folder (or an empty file) should they lie in a system path:
 *     the hub's own folder, its configuration and key files; the JVM's working folder is always added
 */
public record CodeExecutorConfig(Path bwrap, Path python, int cpuSeconds, int memoryMb, int maxProcesses,
                                 int wallSeconds, int maxOutputBytes, int tmpMb, int sandboxUid, int maxConcurrent,
                                 List<Path> systemPaths, List<Path> hiddenPaths) {
  public static final String SECTION = "tools.code_executor";
  public static final List<Path> DEFAULT_SYSTEM_PATHS =
      Stream.of("/usr", "/bin", "/lib", "/lib64", "/sbin").map(Path::of).toList();
  public static final int NOBODY = 65_534;
  public static final CodeExecutorConfig DEFAULTS = new CodeExecutorConfig(Path.of("/usr/bin/bwrap"),
      Path.of("/usr/bin/python3"), 10, 256, 32, 30, 64 * 1024, 16, NOBODY, 2, DEFAULT_SYSTEM_PATHS, List.of());
  private static final Set<String> KEYS = Set.of("bwrap", "python", "cpu_seconds", "memory_mb", "max_processes",
      "wall_seconds", "max_output_bytes", "tmp_mb", "sandbox_uid", "max_concurrent", "system_paths",
      "hidden_paths");

  public CodeExecutorConfig {
    absolute("bwrap", bwrap);
    absolute("python", python);
    check("cpu_seconds", cpuSeconds, 1, 600);
    check("memory_mb", memoryMb, 32, 65_536);
    check("max_processes", maxProcesses, 1, 4_096);
    check("wall_seconds", wallSeconds, 1, 600);
    check("max_output_bytes", maxOutputBytes, 1, 16 << 20);
    check("tmp_mb", tmpMb, 1, 4_096);
    check("sandbox_uid", sandboxUid, 1, Integer.MAX_VALUE);
    check("max_concurrent", maxConcurrent, 1, 64);
    systemPaths = List.copyOf(systemPaths);
    for (Path p : systemPaths) {
      absolute("system_paths", p);
      if (p.getNameCount() == 0) {
        throw new IllegalArgumentException(SECTION + ".system_paths may not contain /: it would show the hub");
      }
    }
    if (systemPaths.stream().noneMatch(python::startsWith)) {
      throw new IllegalArgumentException(SECTION + ".python must lie in one of system_paths " + systemPaths
          + ", was " + python);
    }
    hiddenPaths = hiddenPaths.stream().peek(p -> absolute("hidden_paths", p)).distinct().toList();
  }

  /** Reads the section; unknown keys and bad values are refused by name. */
  public static CodeExecutorConfig fromJson(JsonObject json) {
    ConfigSection s = ConfigSection.of(SECTION, json, KEYS);
    CodeExecutorConfig d = DEFAULTS;
    return new CodeExecutorConfig(path(s, "bwrap", d.bwrap), path(s, "python", d.python),
        s.integer("cpu_seconds", d.cpuSeconds), s.integer("memory_mb", d.memoryMb),
        s.integer("max_processes", d.maxProcesses), s.integer("wall_seconds", d.wallSeconds),
        s.integer("max_output_bytes", d.maxOutputBytes), s.integer("tmp_mb", d.tmpMb),
        s.integer("sandbox_uid", d.sandboxUid), s.integer("max_concurrent", d.maxConcurrent),
        paths(s, "system_paths", d.systemPaths), paths(s, "hidden_paths", d.hiddenPaths));
  }

  /** This configuration hiding these paths as well (the hub adds its configuration's folder and key file). */
  public CodeExecutorConfig hiding(List<Path> more) {
    List<Path> all = new ArrayList<>(hiddenPaths);
    more.stream().map(p -> p.toAbsolutePath().normalize()).forEach(all::add);
    return new CodeExecutorConfig(bwrap, python, cpuSeconds, memoryMb, maxProcesses, wallSeconds, maxOutputBytes,
        tmpMb, sandboxUid, maxConcurrent, systemPaths, all);
  }

  private static void absolute(String key, Path p) {
    if (p == null || !p.isAbsolute() || !p.normalize().equals(p)) {
      throw new IllegalArgumentException(SECTION + "." + key + " must be an absolute path without . or .., was "
          + p);
    }
  }

  private static void check(String key, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(SECTION + "." + key + " must be " + min + ".." + max + ", was " + value);
    }
  }

  private static Path path(ConfigSection s, String key, Path current) {
    return s.string(key).map(Path::of).orElse(current);
  }

  private static List<Path> paths(ConfigSection s, String key, List<Path> current) {
    return s.has(key) ? s.strings(key).stream().map(Path::of).toList() : current;
  }
}
