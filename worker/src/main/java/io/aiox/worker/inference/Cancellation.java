package io.aiox.worker.inference;

import java.util.ArrayList;
import java.util.List;

/** A turn's stop switch: set by a "stop" from the peer, a timeout or shutdown; engines poll or subscribe. */
public final class Cancellation {
  private final List<Runnable> listeners = new ArrayList<>();
  private volatile String reason;

  public void cancel(String why) {
    List<Runnable> toRun;
    synchronized (this) {
      if (reason != null) {
        return;
      }
      reason = why;
      toRun = List.copyOf(listeners);
    }
    toRun.forEach(Runnable::run);
  }

  public boolean cancelled() {
    return reason != null;
  }

  public String reason() {
    return reason;
  }

  /** Runs {@code r} on cancellation (at once when already cancelled). */
  public void onCancel(Runnable r) {
    synchronized (this) {
      if (reason == null) {
        listeners.add(r);
        return;
      }
    }
    r.run();
  }
}
