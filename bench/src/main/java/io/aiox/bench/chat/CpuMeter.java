package io.aiox.bench.chat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * CPU time by process group around a measured window, read from the kernel's per-process accounting (what
 * {@code OperatingSystemMXBean.getProcessCpuTime} reports for a JVM about itself): the target's child JVM, the
 * ejabberd serving it, PostgreSQL and Redis (the testkit's processes below this one), and this JVM (the load
 * generator).
 * The machine line counts every process's busy time, others' included, so a report can say how busy it was.
 */
final class CpuMeter {
  /** The groups a window's CPU is split into. */
  enum Group { TARGET, EJABBERD, STORES, GENERATOR }

  /** CPU nanoseconds per group, and the machine's busy and total time. */
  record Snapshot(Map<Group, Long> nanos, long machineBusyTicks, long machineTotalTicks) {
    /** CPU of each group between {@code earlier} and this snapshot. */
    Map<Group, Long> since(Snapshot earlier) {
      Map<Group, Long> d = new EnumMap<>(Group.class);
      nanos.forEach((g, n) -> d.put(g, n - earlier.nanos.getOrDefault(g, n)));
      return d;
    }

    /** Share of all cores busy (any process) since {@code earlier}, 0..1. */
    double machineBusy(Snapshot earlier) {
      long total = machineTotalTicks - earlier.machineTotalTicks;
      return total <= 0 ? Double.NaN : (double) (machineBusyTicks - earlier.machineBusyTicks) / total;
    }
  }

  private CpuMeter() {}

  /** CPU so far of the target process, of the ejabberd that serves it, of the stores and of this JVM. */
  static Snapshot take(long targetPid, long ejabberdPid) {
    Map<Group, Long> nanos = new EnumMap<>(Group.class);
    for (Group g : Group.values()) {
      nanos.put(g, 0L);
    }
    add(nanos, Group.GENERATOR, ProcessHandle.current());
    ProcessHandle.current().descendants().forEach(p -> {
      Group g = p.pid() == targetPid ? Group.TARGET : p.pid() == ejabberdPid ? Group.EJABBERD
          : isStore(p) ? Group.STORES : null;
      if (g != null) {
        add(nanos, g, p);
      }
    });
    long[] machine = machine();
    return new Snapshot(nanos, machine[0], machine[1]);
  }

  /**
   * The Erlang VM of the ejabberd run from {@code dir} (its command line names the folder), among this JVM's
   * descendants; -1 when there is none.
   */
  static long ejabberdPid(String dir) {
    return ProcessHandle.current().descendants()
        .filter(p -> name(p).startsWith("beam") && String.join(" ", p.info().arguments().orElse(new String[0]))
            .contains(dir))
        .mapToLong(ProcessHandle::pid).findFirst().orElse(-1);
  }

  private static boolean isStore(ProcessHandle p) {
    String name = name(p);
    return name.equals("postgres") || name.startsWith("redis-server");
  }

  private static String name(ProcessHandle p) {
    String command = p.info().command().orElse("");
    return command.substring(command.lastIndexOf('/') + 1);
  }

  private static void add(Map<Group, Long> nanos, Group g, ProcessHandle p) {
    long n = p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    nanos.merge(g, n, Long::sum);
  }

  /** Busy and total clock ticks of all cores, from the first line of /proc/stat. */
  private static long[] machine() {
    try {
      String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      long total = 0;
      for (int i = 1; i < Math.min(f.length, 9); i++) { // user .. steal; guest time is inside user already
        total += Long.parseLong(f[i]);
      }
      long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]); // idle + iowait
      return new long[] {total - idle, total};
    } catch (IOException | RuntimeException e) {
      return new long[] {0, 0};
    }
  }
}
