package io.aiox.component.observability;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;
import java.lang.management.ManagementFactory;

/**
 * Keeps Micrometer's stock JVM meters within Prometheus's naming rules, which {@code promtool check metrics}
 * enforces: {@code system.cpu.count} is a gauge whose name ends in {@code _count} (reserved for histograms), so it
 * becomes {@code system_cpus}; {@code process.cpu.time} counts nanoseconds ({@code _ns_total}, an abbreviated and
 * non-base unit), so it is replaced by the conventional {@code process_cpu_seconds_total}.
 */
final class PromtoolClean {
  static final MeterFilter FILTER = new MeterFilter() {
    @Override
    public MeterFilterReply accept(Meter.Id id) {
      return id.getName().equals("process.cpu.time") ? MeterFilterReply.DENY : MeterFilterReply.NEUTRAL;
    }

    @Override
    public Meter.Id map(Meter.Id id) {
      return id.getName().equals("system.cpu.count") ? id.withName("system.cpus") : id;
    }
  };

  private PromtoolClean() {}

  /** {@code process_cpu_seconds_total}, where the JVM can tell. */
  static void processCpuSeconds(MeterRegistry registry) {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
        && os.getProcessCpuTime() >= 0) {
      FunctionCounter.builder("process.cpu", os, o -> o.getProcessCpuTime() / 1e9).baseUnit("seconds")
          .description("CPU time the hub's process has used").register(registry);
    }
  }
}
