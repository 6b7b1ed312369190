package io.aiox.worker.inference.local;

import de.kherud.llama.LlamaModel;
import de.kherud.llama.LogLevel;
import de.kherud.llama.args.LogFormat;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * llama.cpp's own log, taken over once per JVM. It is where the engine says why a model did not load (the Java
 * binding only says "could not load model"), and where each task's timings give exact prompt and completion token
 * counts. Lines go to java.util.logging at FINE (warnings and errors at WARNING).
 */
final class LlamaLog {
  private static final Logger LOG = Logger.getLogger("llama.cpp");
  private static final Pattern TASK = Pattern.compile("task (\\d+)");
  private static final Pattern PROMPT = Pattern.compile("prompt eval time =\\s*[\\d.]+ ms /\\s*(\\d+) tokens");
  private static final Pattern EVAL = Pattern.compile("(?<!prompt )eval time =\\s*[\\d.]+ ms /\\s*(\\d+) tokens");
  private static final int KEEP = 200;
  private static final Deque<String> RECENT = new ArrayDeque<>();
  private static final Map<Integer, CompletableFuture<int[]>> TIMINGS = new ConcurrentHashMap<>();
  private static boolean installed;

  private LlamaLog() {}

  static synchronized void install() {
    if (installed) {
      return;
    }
    LlamaModel.setLogger(LogFormat.TEXT, LlamaLog::line);
    installed = true;
  }

  private static void line(LogLevel level, String text) {
    synchronized (RECENT) {
      if (RECENT.size() == KEEP) {
        RECENT.removeFirst();
      }
      RECENT.addLast(text.strip());
    }
    LOG.log(level == LogLevel.ERROR || level == LogLevel.WARN ? Level.WARNING : Level.FINE, text::strip);
    if (text.contains("prompt eval time")) {
      Matcher task = TASK.matcher(text);
      Matcher prompt = PROMPT.matcher(text);
      Matcher eval = EVAL.matcher(text);
      if (task.find() && prompt.find() && eval.find()) {
        timings(Integer.parseInt(task.group(1)))
            .complete(new int[] {Integer.parseInt(prompt.group(1)), Integer.parseInt(eval.group(1))});
      }
    }
  }

  /** The {prompt, completion} token counts llama.cpp reports when the task ends. */
  static CompletableFuture<int[]> timings(int taskId) {
    return TIMINGS.computeIfAbsent(taskId, id -> new CompletableFuture<>());
  }

  static void forget(int taskId) {
    TIMINGS.remove(taskId);
  }

  /** The last error and warning lines, for a load failure message. */
  static String recentProblems() {
    StringBuilder s = new StringBuilder();
    synchronized (RECENT) {
      for (String l : RECENT) {
        String lower = l.toLowerCase(java.util.Locale.ROOT);
        if (lower.contains("error") || lower.contains("failed") || lower.contains("invalid")
            || lower.contains("no such file") || lower.contains("unknown")) {
          s.append(s.isEmpty() ? "" : "; ").append(l);
        }
      }
    }
    return s.toString();
  }
}
