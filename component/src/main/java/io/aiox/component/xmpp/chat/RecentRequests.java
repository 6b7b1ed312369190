package io.aiox.component.xmpp.chat;

import java.util.LinkedHashMap;
import java.util.Map;

/** The last request ids seen, bounded: a repeated id (a client's resend) does not run a second turn. */
final class RecentRequests {
  private final Map<String, Boolean> seen;

  RecentRequests(int capacity) {
    this.seen = new LinkedHashMap<>(capacity, 0.75f, false) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
        return size() > capacity;
      }
    };
  }

  /** True the first time the id is offered (within the window), false for a repeat. */
  synchronized boolean first(String id) {
    return seen.putIfAbsent(id, Boolean.TRUE) == null;
  }
}
