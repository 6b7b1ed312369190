package io.aiox.worker.inference.remote;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.model.chat.request.ToolChoice;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.anthropic.AnthropicStreamingChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.langchain4j.model.output.TokenUsage;
import io.aiox.worker.context.ChatTurn;
import io.aiox.worker.inference.Cancellation;
import io.aiox.worker.inference.ChatRequest;
import io.aiox.worker.inference.Completion;
import io.aiox.worker.inference.Engine;
import io.aiox.worker.inference.EngineFailure;
import io.aiox.worker.inference.Sampling;
import io.aiox.worker.inference.ToolCall;
import io.aiox.worker.inference.ToolRound;
import io.aiox.worker.model.ModelSpec;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A remote model, one LangChain4j client per configured model; sampling travels with each request. In-flight turns are bounded like the local engine's: beyond
 * {@code slots + queue_limit} a turn is refused as busy instead of piling up on the remote server.
 */
public final class RemoteEngine implements Engine {
  private static final String ANTHROPIC_URL = "https://api.anthropic.com/v1/";

  private final Vertx vertx;
  private final ModelSpec spec;
  private final String apiKey;
  private final int capacity;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final StreamingChatModel client;

  private RemoteEngine(Vertx vertx, ModelSpec spec, String apiKey, int queueLimit) {
    this.vertx = vertx;
    this.spec = spec;
    this.apiKey = apiKey;
    this.capacity = spec.slots() + queueLimit;
    this.client = build();
  }

  /**
   * An engine for {@code spec}. The API key is read from the environment variable the spec names; a named variable
   * that is unset is a configuration error reported now rather than at the first turn.
   */
  public static RemoteEngine create(Vertx vertx, ModelSpec spec, int queueLimit) {
    if (spec.provider() == ModelSpec.Provider.LOCAL) {
      throw new IllegalArgumentException("model " + spec.name() + " is local, not remote");
    }
    String key = null;
    if (spec.apiKeyEnv().isPresent()) {
      key = System.getenv(spec.apiKeyEnv().get());
      if (key == null || key.isBlank()) {
        throw new IllegalArgumentException("model " + spec.name() + ": environment variable "
            + spec.apiKeyEnv().get() + " (inference.models." + spec.name() + ".api_key_env) is not set");
      }
    } else if (spec.provider() == ModelSpec.Provider.ANTHROPIC) {
      throw new IllegalArgumentException("model " + spec.name() + ": inference.models." + spec.name()
          + ".api_key_env is required for the anthropic provider");
    }
    return new RemoteEngine(vertx, spec, key, queueLimit);
  }

  @Override
  public String model() {
    return spec.name();
  }

  @Override
  public String provider() {
    return switch (spec.provider()) {
      case OPENAI -> "openai " + spec.baseUrl().orElseThrow();
      case ANTHROPIC -> "anthropic " + spec.baseUrl().orElse(ANTHROPIC_URL);
      case LOCAL -> throw new IllegalStateException();
    };
  }

  @Override
  public Future<Completion> complete(ChatRequest request, Consumer<String> onText, Cancellation cancel) {
    if (cancel.cancelled()) {
      // stopped before this model was asked: it is never sent the request
      return Future.succeededFuture(new Completion("", 0, 0, 0, 0, provider(), spec.name(), true));
    }
    if (inFlight.incrementAndGet() > capacity) {
      inFlight.decrementAndGet();
      return Future.failedFuture(new EngineFailure(EngineFailure.Kind.BUSY, "model " + spec.name()
          + " is busy: " + capacity + " turns are already waiting on " + provider() + "; try again shortly"));
    }
    Context context = vertx.getOrCreateContext();
    Promise<Completion> promise = Promise.promise();
    Stream stream = new Stream(onText, cancel, context, promise);
    try {
      client.chat(request(request), stream);
    } catch (RuntimeException e) {
      stream.onError(e);
    }
    return promise.future().andThen(r -> inFlight.decrementAndGet());
  }

  private StreamingChatModel build() {
    Duration timeout = Duration.ofSeconds(spec.timeoutSeconds());
    String model = spec.remoteModel().orElseThrow();
    // answers are read on threads of their own, not on the common fork-join pool (see ModelHttpClient)
    if (spec.provider() == ModelSpec.Provider.ANTHROPIC) {
      return AnthropicStreamingChatModel.builder().httpClientBuilder(ModelHttpClient.builder())
          .baseUrl(spec.baseUrl().orElse(ANTHROPIC_URL)).apiKey(apiKey).modelName(model).timeout(timeout).build();
    }
    return OpenAiStreamingChatModel.builder().httpClientBuilder(ModelHttpClient.builder())
        .baseUrl(spec.baseUrl().orElseThrow()).apiKey(apiKey).modelName(model).timeout(timeout).build();
  }

  /** The conversation and the agent's sampling, per request: one client serves every agent on the model. */
  private static dev.langchain4j.model.chat.request.ChatRequest request(ChatRequest request) {
    Sampling s = request.sampling();
    var b = dev.langchain4j.model.chat.request.ChatRequest.builder().messages(messages(request))
        .temperature(s.temperature()).topP(s.topP()).maxOutputTokens(s.maxTokens())
        .stopSequences(s.stop().isEmpty() ? null : s.stop());
    if (!request.tools().isEmpty()) {
      // the provider's native tool calling: the model answers with calls the hub runs under the agent's policies
      b.toolSpecifications(request.tools().stream().map(ToolSchemas::specification).toList())
          .toolChoice(request.toolRequired() ? ToolChoice.REQUIRED : ToolChoice.AUTO);
    }
    return b.build();
  }

  private static List<ChatMessage> messages(ChatRequest request) {
    List<ChatMessage> messages = new ArrayList<>();
    if (!request.system().isBlank()) {
      messages.add(SystemMessage.from(request.system()));
    }
    for (ChatTurn t : request.history()) {
      messages.add(ChatTurn.USER.equals(t.role()) ? UserMessage.from(t.text()) : AiMessage.from(t.text()));
    }
    messages.add(UserMessage.from(request.user()));
    for (ToolRound round : request.rounds()) {
      List<ToolExecutionRequest> calls = round.calls().stream().map(c -> ToolExecutionRequest.builder().id(c.id())
          .name(c.name()).arguments(c.argumentsText()).build()).toList();
      messages.add(round.text().isBlank() ? AiMessage.from(calls) : AiMessage.from(round.text(), calls));
      for (ToolRound.ToolResult r : round.results()) {
        messages.add(ToolExecutionResultMessage.from(r.callId(), r.name(), r.text()));
      }
    }
    return messages;
  }

  /** Turns in flight on this engine. */
  public int inFlight() {
    return inFlight.get();
  }

  @Override
  public void close() {
    // the JDK HTTP client behind LangChain4j closes with its last reference
  }

  /** One streamed answer: pieces to the caller, the end (or the failure) back on the caller's context. */
  private final class Stream implements StreamingChatResponseHandler {
    private final Consumer<String> onText;
    private final Cancellation cancel;
    private final Context context;
    private final Promise<Completion> promise;
    private final StringBuilder text = new StringBuilder();
    private final AtomicBoolean done = new AtomicBoolean();
    private final long t0 = System.nanoTime();
    private volatile long firstMicros = -1;
    private volatile StreamingHandle handle;

    Stream(Consumer<String> onText, Cancellation cancel, Context context, Promise<Completion> promise) {
      this.onText = onText;
      this.cancel = cancel;
      this.context = context;
      this.promise = promise;
      cancel.onCancel(this::stopped);
    }

    /**
     * A stopped turn answers at once with what it has; the provider's stream is closed at its next piece. The
     * provider reports usage only at the end, so a stopped remote turn records no token counts.
     */
    private void stopped() {
      // what it has is taken before the stream is closed: closing makes the reader fail, and that failure must
      // not be what ends the turn
      Completion partial = partial();
      StreamingHandle h = handle;
      if (h != null) {
        h.cancel();
      }
      finish(partial);
    }

    private Completion partial() {
      String so;
      synchronized (text) {
        so = text.toString();
      }
      return new Completion(so.strip(), 0, 0, Math.max(firstMicros, 0), micros(), provider(), spec.name(), true);
    }

    @Override
    public void onPartialResponse(PartialResponse partial, PartialResponseContext ctx) {
      handle = ctx.streamingHandle();
      if (cancel.cancelled()) {
        handle.cancel();
        return;
      }
      String piece = partial.text();
      if (piece == null || piece.isEmpty()) {
        return;
      }
      if (firstMicros < 0) {
        firstMicros = micros();
      }
      synchronized (text) {
        text.append(piece);
      }
      onText.accept(piece);
    }

    @Override
    public void onCompleteResponse(ChatResponse response) {
      TokenUsage usage = response.tokenUsage();
      String answer;
      synchronized (text) {
        answer = response.aiMessage() != null && response.aiMessage().text() != null
            ? response.aiMessage().text() : text.toString();
      }
      List<ToolCall> calls = response.aiMessage() == null || !response.aiMessage().hasToolExecutionRequests()
          ? List.of() : response.aiMessage().toolExecutionRequests().stream()
              .map(r -> new ToolCall(r.id() == null ? "call-" + r.name() : r.id(), r.name(), r.arguments())).toList();
      finish(new Completion(answer.strip(), count(usage == null ? null : usage.inputTokenCount()),
          count(usage == null ? null : usage.outputTokenCount()), Math.max(firstMicros, 0), micros(), provider(),
          spec.name(), cancel.cancelled(), calls));
    }

    @Override
    public void onError(Throwable error) {
      if (cancel.cancelled()) {
        // A stopped stream fails as its reader is closed under it ("closed", or whatever the transport says):
        // that is the stop, not a provider failure, so it ends with the text so far and no next model is asked.
        finish(partial());
        return;
      }
      if (done.compareAndSet(false, true)) {
        EngineFailure failure = ProviderErrors.classify(spec.name(), provider(), error);
        context.runOnContext(v -> promise.fail(failure));
      }
    }

    private void finish(Completion c) {
      if (done.compareAndSet(false, true)) {
        context.runOnContext(v -> promise.complete(c));
      }
    }

    private long micros() {
      return (System.nanoTime() - t0) / 1_000;
    }

    private static int count(Integer n) {
      return n == null ? 0 : n;
    }
  }
}
