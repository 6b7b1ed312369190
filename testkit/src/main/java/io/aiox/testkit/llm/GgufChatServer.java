package io.aiox.testkit.llm;

import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaIterator;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.LlamaOutput;
import de.kherud.llama.ModelParameters;
import de.kherud.llama.Pair;
import io.aiox.testkit.Ports;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test fixture: an OpenAI-compatible ({@code /v1/chat/completions}, {@code /v1/models}) and Anthropic-compatible
 * ({@code /v1/messages}) server on 127.0.0.1 answering with a real GGUF model through llama.cpp. The chat template
 * of the model is applied, usage is reported from llama.cpp's tokenizer and stream, and streaming follows each
 * API's server-sent events. {@link #failNext} makes the next request fail the way a provider does;
 * {@link #paceStream} makes streams slow, as a big remote model's are.
 */
public final class GgufChatServer implements AutoCloseable {
  private static final String END_OF_TURN = "<end_of_turn>";

  private final Vertx vertx;
  private final HttpServer server;
  private final LlamaModel model;
  private final String modelName;
  private final Queue<Failure> failures = new ConcurrentLinkedQueue<>();
  private final List<JsonObject> requests = new CopyOnWriteArrayList<>();
  private final AtomicInteger streamed = new AtomicInteger();
  private volatile String apiKey;
  private volatile long paceMillis;

  /** A failure to answer with: an HTTP status and body, or a delay before answering normally. */
  public record Failure(int status, String body, long delayMillis) {
    public static Failure status(int status, String message) {
      return new Failure(status, new JsonObject().put("error", new JsonObject().put("message", message)
          .put("type", status == 429 ? "rate_limit_error" : status >= 500 ? "server_error" : "invalid_request_error"))
          .encode(), 0);
    }

    public static Failure delay(long millis) {
      return new Failure(0, null, millis);
    }
  }

  private GgufChatServer(Vertx vertx, HttpServer server, LlamaModel model, String modelName) {
    this.vertx = vertx;
    this.server = server;
    this.model = model;
    this.modelName = modelName;
  }

  /** Loads {@code gguf} with {@code slots} parallel slots and serves it as {@code modelName}. */
  public static GgufChatServer start(Path gguf, String modelName, int slots) {
    LlamaModel model = new LlamaModel(new ModelParameters().setModel(gguf.toString()).setCtxSize(2048 * slots)
        .setParallel(slots).enableContBatching().setThreads(2).skipWarmup());
    Vertx vertx = Vertx.vertx();
    HttpServer http = vertx.createHttpServer();
    GgufChatServer s = new GgufChatServer(vertx, http, model, modelName);
    http.requestHandler(s::handle);
    try {
      http.listen(Ports.free(), Ports.LOOPBACK).await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      s.close();
      throw new IllegalStateException("the model server did not start", e);
    }
    return s;
  }

  /** The OpenAI-style base URL, e.g. {@code http://127.0.0.1:1234/v1}. */
  public String baseUrl() {
    return "http://" + Ports.LOOPBACK + ":" + server.actualPort() + "/v1";
  }

  /** The next request fails this way (queued: several calls fail several requests). */
  public void failNext(Failure f) {
    failures.add(f);
  }

  /**
   * From now on, requests must carry this key ({@code Authorization: Bearer} for OpenAI, {@code x-api-key} for
   * Anthropic), else 401 as the providers answer.
   */
  public void requireApiKey(String key) {
    this.apiKey = key;
  }

  /** From now on, each streamed piece is sent {@code millis} after the one before (0: as fast as generated). */
  public void paceStream(long millis) {
    this.paceMillis = millis;
  }

  /** Pieces of text sent in streams so far, over all requests. */
  public int streamedPieces() {
    return streamed.get();
  }

  /** Every request body received, in order, with {@code path} added. */
  public List<JsonObject> requests() {
    return List.copyOf(requests);
  }

  private void handle(HttpServerRequest req) {
    req.body().onSuccess(buf -> {
      JsonObject body;
      try {
        body = buf.length() == 0 ? new JsonObject() : buf.toJsonObject();
      } catch (RuntimeException e) {
        error(req.response(), 400, "the request body is not JSON");
        return;
      }
      requests.add(body.copy().put("path", req.path()));
      if (apiKey != null && !(("Bearer " + apiKey).equals(req.getHeader("authorization"))
          || apiKey.equals(req.getHeader("x-api-key")))) {
        req.response().setStatusCode(401).putHeader("content-type", "application/json").end(new JsonObject()
            .put("error", new JsonObject().put("message", "Incorrect API key provided").put("type",
                "authentication_error")).encode());
        return;
      }
      Failure f = failures.poll();
      if (f != null && f.status() > 0) {
        req.response().setStatusCode(f.status()).putHeader("content-type", "application/json").end(f.body());
        return;
      }
      long delay = f == null ? 0 : f.delayMillis();
      if (delay > 0) {
        vertx.setTimer(delay, t -> route(req, body));
      } else {
        route(req, body);
      }
    });
  }

  private void route(HttpServerRequest req, JsonObject body) {
    switch (req.method().name() + " " + req.path()) {
      case "GET /v1/models" -> req.response().putHeader("content-type", "application/json").end(new JsonObject()
          .put("object", "list").put("data", new JsonArray().add(new JsonObject().put("id", modelName)
              .put("object", "model").put("owned_by", "aiox-testkit"))).encode());
      case "POST /v1/chat/completions" -> generate(req.response(), body, new OpenAiWire(modelName, body));
      case "POST /v1/messages" -> generate(req.response(), body, new AnthropicWire(modelName, body));
      default -> error(req.response(), 404, "no route " + req.method() + " " + req.path());
    }
  }

  private void generate(HttpServerResponse res, JsonObject body, Wire wire) {
    if (!modelName.equals(body.getString("model"))) {
      error(res, 404, "model '" + body.getString("model") + "' not found");
      return;
    }
    vertx.executeBlocking(() -> {
      run(res, body, wire);
      return null;
    }, false).onFailure(e -> {
      if (!res.headWritten()) {
        error(res, 500, e.getMessage());
      } else {
        res.reset();
      }
    });
  }

  private void run(HttpServerResponse res, JsonObject body, Wire wire) {
    String prompt = model.applyTemplate(new InferenceParameters("").setMessages(wire.system(), wire.messages()));
    List<String> stops = new ArrayList<>(wire.stop());
    stops.add(END_OF_TURN);
    InferenceParameters params = new InferenceParameters(prompt).setNPredict(wire.maxTokens())
        .setTemperature((float) body.getDouble("temperature", 0.8).doubleValue())
        .setTopP((float) body.getDouble("top_p", 0.95).doubleValue()).setStopStrings(stops.toArray(String[]::new));
    int promptTokens = model.encode(prompt).length;
    boolean stream = body.getBoolean("stream", false);
    if (stream) {
      res.setChunked(true).putHeader("content-type", "text/event-stream").putHeader("cache-control", "no-cache");
      res.write(wire.streamStart(promptTokens));
    }
    LlamaIterator it = model.generate(params).iterator();
    AtomicBoolean gone = new AtomicBoolean();
    res.closeHandler(v -> gone.set(true));
    StringBuilder text = new StringBuilder();
    int pieces = 0;
    while (it.hasNext()) {
      if (gone.get()) {
        it.cancel(); // from this thread only: cancelling while another thread waits in next() hangs that thread
        return;
      }
      LlamaOutput out = it.next();
      String piece = out.text;
      int eot = piece.indexOf(END_OF_TURN);
      if (eot >= 0) {
        piece = piece.substring(0, eot);
      }
      if (!out.text.isEmpty()) {
        pieces++;
      }
      if (!piece.isEmpty()) {
        text.append(piece);
        if (stream) {
          res.write(wire.streamPiece(piece));
          streamed.incrementAndGet();
          pace();
        }
      }
    }
    boolean length = pieces >= wire.maxTokens();
    if (stream) {
      res.end(wire.streamEnd(promptTokens, pieces, length));
    } else {
      res.putHeader("content-type", "application/json").end(wire.whole(text.toString(), promptTokens, pieces, length)
          .encode());
    }
  }

  private void pace() {
    long millis = paceMillis;
    if (millis > 0) {
      try {
        Thread.sleep(millis); // a worker thread of this fixture's own Vert.x, never an event loop
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static void error(HttpServerResponse res, int status, String message) {
    res.setStatusCode(status).putHeader("content-type", "application/json").end(new JsonObject().put("error",
        new JsonObject().put("message", message).put("type", status == 404 ? "not_found_error" : "invalid_request_error"))
        .encode());
  }

  @Override
  public void close() {
    try {
      vertx.close().await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      // closing is best effort in tests
    }
    // the llama.cpp model is not closed: the binding's close leaks a thread and can crash (FACTS.md)
  }

  /** One API's request reading and response writing. */
  interface Wire {
    String system();

    List<Pair<String, String>> messages();

    List<String> stop();

    int maxTokens();

    String streamStart(int promptTokens);

    String streamPiece(String text);

    String streamEnd(int promptTokens, int completionTokens, boolean length);

    JsonObject whole(String text, int promptTokens, int completionTokens, boolean length);
  }
}
