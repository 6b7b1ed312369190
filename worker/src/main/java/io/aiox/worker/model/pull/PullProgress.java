package io.aiox.worker.model.pull;

/** Told how a download advances, at most a few times a second and once at the end. */
public interface PullProgress {
  /** Discards the reports. */
  PullProgress NONE = (received, total) -> { };

  /** {@code received} bytes of the file are on disk; {@code total} is -1 while the server has not said. */
  void update(long received, long total);

  /** A partial file from an earlier attempt is reused: the download continues at {@code offset}. */
  default void resumed(long offset) {}
}
