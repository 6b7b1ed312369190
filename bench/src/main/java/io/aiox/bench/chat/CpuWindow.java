package io.aiox.bench.chat;

import java.util.Map;

/** CPU snapshots at the edges of one measured window, for the target process and the ejabberd serving it. */
final class CpuWindow implements LoadGenerator.Window {
  private final long targetPid;
  private final long ejabberdPid;
  private CpuMeter.Snapshot before;
  private CpuMeter.Snapshot after;

  CpuWindow(long targetPid, long ejabberdPid) {
    this.targetPid = targetPid;
    this.ejabberdPid = ejabberdPid;
  }

  @Override
  public void started() {
    before = CpuMeter.take(targetPid, ejabberdPid);
  }

  @Override
  public void ended() {
    after = CpuMeter.take(targetPid, ejabberdPid);
  }

  Cpu cpu() {
    return new Cpu(after.since(before), after.machineBusy(before));
  }

  /** CPU nanoseconds per group over the window, and how busy the whole machine was (0..1, all processes). */
  record Cpu(Map<CpuMeter.Group, Long> nanos, double machineBusy) {
    double microsPer(CpuMeter.Group group, long roundTrips) {
      return roundTrips == 0 ? Double.NaN : nanos.get(group) / 1e3 / roundTrips;
    }
  }
}
