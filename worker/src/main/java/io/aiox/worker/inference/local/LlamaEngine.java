package io.aiox.worker.inference.local;

import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaIterator;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.LlamaOutput;
import de.kherud.llama.ModelParameters;
import de.kherud.llama.Pair;
import io.aiox.worker.context.ChatTurn;
import io.aiox.worker.inference.Cancellation;
import io.aiox.worker.inference.ChatRequest;
import io.aiox.worker.inference.Completion;
import io.aiox.worker.inference.Engine;
import io.aiox.worker.inference.EngineFailure;
import io.aiox.worker.model.ModelSpec;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * A GGUF model in this JVM. llama.cpp runs {@code slots} conversations at once with continuous batching; up to
 * {@code queueLimit} more wait inside it; beyond that a turn is refused at once ({@link EngineFailure.Kind#BUSY}).
 * Each turn blocks one thread of a worker pool of that size, never an event loop. Models are loaded once per
 * JVM and never closed: the binding's close leaks memory and a thread.
 */
public final class LlamaEngine implements Engine {
  private static final Logger LOG = Logger.getLogger(LlamaEngine.class.getName());
  private static final Map<Path, LlamaModel> LOADED = new ConcurrentHashMap<>();
  private static final String END_OF_TURN = "<end_of_turn>";

  private final ModelSpec spec;
  private final LlamaModel model;
  private final WorkerExecutor executor;
  private final int capacity;
  private final AtomicInteger inFlight = new AtomicInteger();

  private LlamaEngine(ModelSpec spec, LlamaModel model, WorkerExecutor executor, int capacity) {
    this.spec = spec;
    this.model = model;
    this.executor = executor;
    this.capacity = capacity;
  }

  /** Loads (or reuses) the model on a worker thread; a failure names the file and llama.cpp's reason. */
  public static Future<LlamaEngine> load(Vertx vertx, ModelSpec spec, int queueLimit) {
    Path path = spec.path().orElseThrow().toAbsolutePath().normalize();
    int capacity = spec.slots() + queueLimit;
    return vertx.executeBlocking(() -> {
      if (!Files.isReadable(path)) {
        throw new EngineFailure(EngineFailure.Kind.UNAVAILABLE, "model " + spec.name() + ": cannot read " + path);
      }
      return LOADED.computeIfAbsent(path, p -> open(spec, p));
    }).map(m -> new LlamaEngine(spec, m, vertx.createSharedWorkerExecutor("aiox-llama-" + spec.name(), capacity,
        spec.timeoutSeconds() + 60L, TimeUnit.SECONDS), capacity));
  }

  private static LlamaModel open(ModelSpec spec, Path path) {
    LlamaLog.install();
    long t0 = System.nanoTime();
    try {
      LlamaModel m = new LlamaModel(new ModelParameters().setModel(path.toString()).setCtxSize(spec.contextSize())
          .setThreads(spec.threads()).setThreadsBatch(spec.threads()).setParallel(spec.slots())
          .enableContBatching().skipWarmup());
      LOG.info(() -> "model " + spec.name() + " loaded from " + path + " in "
          + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0) + " ms (" + spec.slots() + " slots, "
          + spec.contextSize() + " context)" + (spec.demo() ? "; DEMO MODEL: random weights, it answers with noise"
          : ""));
      return m;
    } catch (RuntimeException e) {
      String why = LlamaLog.recentProblems();
      throw new EngineFailure(EngineFailure.Kind.UNAVAILABLE, "model " + spec.name() + " did not load from " + path
          + ": " + (why.isEmpty() ? e.getMessage() : why), e);
    }
  }

  @Override
  public String model() {
    return spec.name();
  }

  @Override
  public String provider() {
    return "local";
  }

  /** Turns admitted and not finished. */
  public int inFlight() {
    return inFlight.get();
  }

  @Override
  public Future<Completion> complete(ChatRequest request, Consumer<String> onText, Cancellation cancel) {
    if (inFlight.incrementAndGet() > capacity) {
      inFlight.decrementAndGet();
      return Future.failedFuture(new EngineFailure(EngineFailure.Kind.BUSY, "model " + spec.name() + " is busy: "
          + spec.slots() + " conversations run and " + (capacity - spec.slots()) + " wait; try again shortly"));
    }
    return executor.<Completion>executeBlocking(() -> generate(request, onText, cancel), false)
        .onComplete(r -> inFlight.decrementAndGet());
  }

  private Completion generate(ChatRequest request, Consumer<String> onText, Cancellation cancel) {
    long t0 = System.nanoTime();
    String prompt = prompt(request);
    List<String> stops = new ArrayList<>(request.sampling().stop());
    stops.add(END_OF_TURN);
    InferenceParameters params = new InferenceParameters(prompt).setNPredict(request.sampling().maxTokens())
        .setTemperature((float) request.sampling().temperature()).setTopP((float) request.sampling().topP())
        .setStopStrings(stops.toArray(String[]::new)).setCachePrompt(true);
    LlamaIterator it = model.generate(params).iterator();
    int task = taskId(it);
    cancel.onCancel(it::cancel);
    StringBuilder text = new StringBuilder();
    long firstMicros = -1;
    try {
      while (!cancel.cancelled() && it.hasNext()) {
        LlamaOutput out = it.next();
        if (!out.text.isEmpty()) {
          if (firstMicros < 0) {
            firstMicros = (System.nanoTime() - t0) / 1_000;
          }
          text.append(out.text);
          onText.accept(out.text);
        }
      }
      int[] tokens = counts(task);
      String answer = strip(text.toString());
      return new Completion(answer, tokens[0], tokens[1], Math.max(firstMicros, 0), (System.nanoTime() - t0) / 1_000,
          provider(), spec.name(), cancel.cancelled());
    } catch (RuntimeException e) {
      throw new EngineFailure(EngineFailure.Kind.UNAVAILABLE, "model " + spec.name() + " failed: " + e.getMessage(), e);
    } finally {
      LlamaLog.forget(task);
    }
  }

  /** The Gemma chat template stored in the GGUF, applied by llama.cpp to the conversation. */
  private String prompt(ChatRequest request) {
    List<Pair<String, String>> messages = new ArrayList<>();
    for (ChatTurn t : request.history()) {
      messages.add(new Pair<>(t.role(), t.text()));
    }
    messages.add(new Pair<>(ChatTurn.USER, request.user()));
    return model.applyTemplate(new InferenceParameters("").setMessages(request.system(), messages));
  }

  /** The exact counts llama.cpp logs at the end of the task; {0, 0} when it ended before evaluating. */
  private static int[] counts(int task) {
    if (task < 0) {
      return new int[] {0, 0};
    }
    try {
      return LlamaLog.timings(task).get(2, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.warning(() -> "llama.cpp reported no timings for task " + task + ": " + e);
      return new int[] {0, 0};
    }
  }

  private static String strip(String text) {
    int end = text.indexOf(END_OF_TURN);
    return (end >= 0 ? text.substring(0, end) : text).strip();
  }

  /** The binding keeps the llama.cpp task id private; it keys the timings in the log. */
  private static int taskId(LlamaIterator it) {
    try {
      Field f = LlamaIterator.class.getDeclaredField("taskId");
      f.setAccessible(true);
      return f.getInt(it);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return -1;
    }
  }

  @Override
  public void close() {
    executor.close();
  }
}
