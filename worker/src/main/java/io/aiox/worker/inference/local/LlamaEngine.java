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
import io.aiox.worker.inference.SizedPrompt;
import io.aiox.worker.model.ModelSpec;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * A GGUF model in this JVM. llama.cpp runs {@code slots} conversations at once with continuous batching. The
 * inference verticle's QoS queue in front of it holds the turns beyond those and hands them over by score; the
 * engine's own bound ({@code slots + queueLimit}, then {@link EngineFailure.Kind#BUSY}) is a backstop for callers
 * without that queue (benchmarks).
 * Each turn blocks one thread of a worker pool of that size, never an event loop. A model is loaded once per
 * JVM and shape and never closed: the binding's close leaks memory and a thread.
 */
public final class LlamaEngine implements Engine {
  private static final Logger LOG = Logger.getLogger(LlamaEngine.class.getName());
  /** One llama.cpp context per file and shape (context size, threads, slots), so each gets the slots it asks for. */
  private static final Map<Shape, Loaded> LOADED = new ConcurrentHashMap<>();
  private static final long ACQUIRE_POLL_MS = 100;
  private static final String END_OF_TURN = "<end_of_turn>";

  private final ModelSpec spec;
  private final LlamaModel model;
  private final Semaphore free;
  private final WorkerExecutor executor;
  private final int capacity;
  private final AtomicInteger inFlight = new AtomicInteger();

  private LlamaEngine(ModelSpec spec, Loaded loaded, WorkerExecutor executor, int capacity) {
    this.spec = spec;
    this.model = loaded.model();
    this.free = loaded.free();
    this.executor = executor;
    this.capacity = capacity;
  }

  /** What makes two loads of one file the same llama.cpp context. */
  private record Shape(Path path, int contextSize, int threads, int slots) {}

  /**
   * A loaded context and its free slots. Every engine on it (each hub in this JVM) takes a permit before it hands
   * llama.cpp a request, so llama.cpp never holds a request back in its own queue: a request waiting there could
   * not be stopped (its cancel only reaches a request in a slot) and would later run to its token limit unread.
   */
  private record Loaded(LlamaModel model, Semaphore free) {}

  /** Loads (or reuses) the model on a worker thread; a failure names the file and llama.cpp's reason. */
  public static Future<LlamaEngine> load(Vertx vertx, ModelSpec spec, int queueLimit) {
    Path path = spec.path().orElseThrow().toAbsolutePath().normalize();
    int capacity = spec.slots() + queueLimit;
    return vertx.executeBlocking(() -> {
      if (!Files.isReadable(path)) {
        throw new EngineFailure(EngineFailure.Kind.UNAVAILABLE, "model " + spec.name() + ": cannot read " + path);
      }
      return LOADED.computeIfAbsent(new Shape(path, spec.contextSize(), spec.threads(), spec.slots()),
          shape -> new Loaded(open(spec, path), new Semaphore(spec.slots(), true)));
    }).map(loaded -> new LlamaEngine(spec, loaded, vertx.createSharedWorkerExecutor("aiox-llama-" + spec.name(),
        capacity,
        spec.timeoutSeconds() + 60L, TimeUnit.SECONDS), capacity));
  }

  private static LlamaModel open(ModelSpec spec, Path path) {
    long t0 = System.nanoTime();
    NativeLibraryDir.prepare();
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
      // The binding says only "could not load model"; llama.cpp prints the reason on standard output just before.
      throw new EngineFailure(EngineFailure.Kind.UNAVAILABLE, "model " + spec.name() + " did not load from " + path
          + " (" + e.getMessage() + "; llama.cpp's reason is in the hub's standard output just before this line)", e);
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

  /**
   * Counts the prompt with the model's own tokenizer and template, and fits it to a slot's window: llama.cpp gives
   * each of the {@code slots} conversations {@code context_size / slots} tokens, and a prompt that does not leave room
   * for the answer would be cut from its start (its system prompt first) or shifted while the answer is written. So
   * the oldest history is left out, a user-and-answer pair at a time, until the prompt and {@code max_tokens} fit
   * ({@code max_tokens} counted up to half the window; a longer answer stops where the window ends); the system
   * prompt, the recalled memories and the new message are never cut. When they alone do not fit, the model cannot
   * take the turn and says why (retriable: a fallback with a larger window may).
   */
  @Override
  public Future<SizedPrompt> size(ChatRequest request) {
    return executor.executeBlocking(() -> fit(request), false);
  }

  /** Tokens one conversation may hold: its share of the context. */
  public int window() {
    return spec.contextSize() / spec.slots();
  }

  private SizedPrompt fit(ChatRequest request) {
    int window = window();
    int room = Math.min(request.sampling().maxTokens(), window / 2);
    int dropped = 0;
    ChatRequest fitted = request;
    int tokens = tokens(fitted);
    while (tokens > window - room && dropped < request.history().size()) {
      dropped = oldestPairEnd(request, dropped);
      fitted = request.withoutOldest(dropped);
      tokens = tokens(fitted);
    }
    if (tokens > window - room) {
      throw new EngineFailure(EngineFailure.Kind.UNAVAILABLE, "model " + spec.name() + " cannot take this turn: its"
          + " prompt (instructions, memories and the message) needs " + tokens + " tokens and the answer at least "
          + room + ", more than its window of " + window + " (context_size " + spec.contextSize() + " over "
          + spec.slots() + " slots)");
    }
    // The answer may use the rest of the window: a max_tokens beyond it is cut to it rather than shifting the context.
    int answer = Math.min(request.sampling().maxTokens(), window - tokens);
    return new SizedPrompt(fitted.withMaxTokens(answer), tokens, dropped, true);
  }

  /** Past the oldest remaining message and its answer, so the history still starts with the user (Gemma's rule). */
  private static int oldestPairEnd(ChatRequest request, int from) {
    int i = from + 1;
    while (i < request.history().size() && !request.history().get(i).role().equals(ChatTurn.USER)) {
      i++;
    }
    return i;
  }

  private int tokens(ChatRequest request) {
    return model.encode(prompt(request)).length;
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

  private Completion generate(ChatRequest request, Consumer<String> onText, Cancellation cancel)
      throws InterruptedException {
    long t0 = System.nanoTime();
    while (!free.tryAcquire(ACQUIRE_POLL_MS, TimeUnit.MILLISECONDS)) {
      if (cancel.cancelled()) {
        return stopped("", 0, 0, -1, t0);
      }
    }
    try {
      // stopped before it started (while it waited, or before this model was reached): nothing is generated
      return cancel.cancelled() ? stopped("", 0, 0, -1, t0) : generateInSlot(request, onText, cancel, t0);
    } finally {
      free.release();
    }
  }

  private Completion generateInSlot(ChatRequest request, Consumer<String> onText, Cancellation cancel, long t0) {
    String prompt = prompt(request);
    List<String> stops = new ArrayList<>(request.sampling().stop());
    stops.add(END_OF_TURN);
    InferenceParameters params = new InferenceParameters(prompt).setNPredict(request.sampling().maxTokens())
        .setTemperature((float) request.sampling().temperature()).setTopP((float) request.sampling().topP())
        .setStopStrings(stops.toArray(String[]::new)).setCachePrompt(true);
    boolean tools = !request.tools().isEmpty();
    if (tools) {
      params.setGrammar(LlamaModel.jsonSchemaToGrammar(GemmaTools.replySchema(request, spec.toolStringMax())
          .encode()));
    }
    // Prompt tokens: llama.cpp's own tokenizer on the exact prompt sent (the template's <bos> included); size()
    // counted the same prompt the same way, so the quota holds what is charged.
    int promptTokens = model.encode(prompt).length;
    LlamaIterator it = model.generate(params).iterator();
    StringBuilder text = new StringBuilder();
    long firstMicros = -1;
    int pieces = 0;
    try {
      while (it.hasNext()) {
        if (cancel.cancelled()) {
          // Only this thread may cancel: the binding's cancel, called while another thread waits in next(),
          // leaves that thread waiting forever for a result that is never queued.
          it.cancel();
          break;
        }
        LlamaOutput out = it.next();
        if (!out.text.isEmpty()) {
          // One streamed piece per generated token, except where llama.cpp holds back a token that ends inside a
          // UTF-8 character and sends it merged with the next (docs/operations.md, "Token counts").
          pieces++;
          if (firstMicros < 0) {
            firstMicros = (System.nanoTime() - t0) / 1_000;
          }
          text.append(out.text);
          if (!tools) {
            onText.accept(out.text); // a reply with tools is JSON: its answer is sent once it is read
          }
        }
      }
      String answer = strip(text.toString());
      if (tools && !cancel.cancelled()) {
        GemmaTools.Reply reply = GemmaTools.parse(answer, request.rounds().size() + 1);
        if (reply.answer() != null) {
          onText.accept(reply.answer());
        }
        return new Completion(reply.answer() == null ? "" : reply.answer(), promptTokens, pieces,
            Math.max(firstMicros, 0), (System.nanoTime() - t0) / 1_000, provider(), spec.name(), false,
            reply.call() == null ? List.of() : List.of(reply.call()));
      }
      return new Completion(answer, promptTokens, pieces, Math.max(firstMicros, 0), (System.nanoTime() - t0) / 1_000,
          provider(), spec.name(), cancel.cancelled());
    } catch (RuntimeException e) {
      if (cancel.cancelled()) {
        // a failure after the stop ends the turn as stopped, with what it had: the next model is not asked
        return stopped(strip(text.toString()), promptTokens, pieces, firstMicros, t0);
      }
      throw new EngineFailure(EngineFailure.Kind.UNAVAILABLE, "model " + spec.name() + " failed: " + e.getMessage(), e);
    }
  }

  private Completion stopped(String text, int promptTokens, int pieces, long firstMicros, long t0) {
    return new Completion(text, promptTokens, pieces, Math.max(firstMicros, 0), (System.nanoTime() - t0) / 1_000,
        provider(), spec.name(), true);
  }

  /** The Gemma chat template stored in the GGUF, applied by llama.cpp to the conversation. */
  private String prompt(ChatRequest request) {
    List<Pair<String, String>> messages = new ArrayList<>();
    for (ChatTurn t : request.history()) {
      messages.add(new Pair<>(t.role(), t.text()));
    }
    messages.add(new Pair<>(ChatTurn.USER, request.user()));
    if (request.tools().isEmpty()) {
      return model.applyTemplate(new InferenceParameters("").setMessages(request.system(), messages));
    }
    GemmaTools.rounds(request, messages);
    return model.applyTemplate(new InferenceParameters("").setMessages(GemmaTools.system(request), messages));
  }

  private static String strip(String text) {
    int end = text.indexOf(END_OF_TURN);
    return (end >= 0 ? text.substring(0, end) : text).strip();
  }

  @Override
  public void close() {
    executor.close();
  }
}
