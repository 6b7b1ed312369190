package io.aiox.worker.inference.qos;

import io.aiox.schema.id.AgentId;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * R of the score: the share of an agent's last {@value #WINDOW} finished turns on this worker that completed
 * (failed ones count against it; stopped and refused ones are not counted). An agent this worker has not seen
 * finish a turn has {@value #UNKNOWN}, so a new agent or a restarted worker ranks no one down. Kept in memory for
 * the {@value #MAX_AGENTS} agents used most recently: it costs no query on a turn's path.
 */
public final class Reputation {
  public static final int WINDOW = 20;
  public static final int MAX_AGENTS = 10_000;
  public static final double UNKNOWN = 1.0;

  private final Map<AgentId, Window> agents = new LinkedHashMap<>(64, 0.75f, true) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<AgentId, Window> eldest) {
      return size() > MAX_AGENTS;
    }
  };

  public synchronized void record(AgentId agent, boolean completed) {
    agents.computeIfAbsent(agent, a -> new Window()).add(completed);
  }

  public synchronized double of(AgentId agent) {
    Window w = agents.get(agent);
    return w == null ? UNKNOWN : w.rate();
  }

  /** The last outcomes of one agent, oldest overwritten first. */
  private static final class Window {
    private final boolean[] outcomes = new boolean[WINDOW];
    private int size;
    private int next;
    private int completed;

    void add(boolean ok) {
      if (size == WINDOW) {
        completed -= outcomes[next] ? 1 : 0;
      } else {
        size++;
      }
      outcomes[next] = ok;
      completed += ok ? 1 : 0;
      next = (next + 1) % WINDOW;
    }

    double rate() {
      return (double) completed / size;
    }
  }
}
