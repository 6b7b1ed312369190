package io.aiox.web.openai;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * One streamed answer as server-sent events: {@code chat.completion.chunk} frames (the role first, then the new
 * text each time the answer grows, then the finish reason) and {@code data: [DONE]}. Headers go out with the first
 * frame. Runs on the request's context.
 */
final class EventStream {
  private final RoutingContext ctx;
  private final ChatCompletions shapes;
  private final TextDeltas deltas = new TextDeltas();
  private boolean started;
  private boolean ended;

  EventStream(RoutingContext ctx, ChatCompletions shapes) {
    this.ctx = ctx;
    this.shapes = shapes;
    ctx.response().closeHandler(v -> ended = true);
  }

  boolean started() {
    return started;
  }

  /** The whole answer so far. */
  void text(String whole) {
    String piece = deltas.next(whole);
    if (!piece.isEmpty() && start()) {
      frame(shapes.chunk(new JsonObject().put("content", piece), null));
    }
  }

  void finish(String whole) {
    text(whole);
    if (start()) {
      frame(shapes.chunk(new JsonObject(), "stop"));
      end();
    }
  }

  /** The turn failed after the stream began: OpenAI's clients raise an {@code error} event's message. */
  void fail(Throwable failure) {
    if (ended) {
      return;
    }
    JsonObject error = failure instanceof TurnRefused r
        ? OpenAiErrors.error(r.getMessage(), r.reason().openAiType(), r.reason().problem())
        : OpenAiErrors.error("the agent failed to answer; try again later", "server_error", "internal");
    frame(error);
    end();
  }

  /** Sends the headers and the role frame once; false when the client has gone. */
  private boolean start() {
    if (ended) {
      return false;
    }
    if (!started) {
      started = true;
      ctx.response().setChunked(true).putHeader("content-type", "text/event-stream; charset=utf-8")
          .putHeader("x-accel-buffering", "no");
      frame(shapes.chunk(new JsonObject().put("role", "assistant").put("content", ""), null));
    }
    return true;
  }

  private void frame(JsonObject data) {
    ctx.response().write("data: " + data.encode() + "\n\n");
  }

  private void end() {
    ended = true;
    HttpServerResponse response = ctx.response();
    response.end("data: [DONE]\n\n");
  }
}
