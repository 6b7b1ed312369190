package io.aiox.web.openai;

import io.aiox.web.auth.Authenticator;
import io.aiox.web.auth.Caller;
import io.aiox.web.http.ConsoleRoutes;
import io.aiox.web.http.ConsoleServer;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code GET /v1/models} and {@code POST /v1/chat/completions} for programs holding one of a user's API keys. A
 * streamed answer starts its event stream only once the agent has written something (or answered), so a turn
 * refused before it runs (quota, unknown agent) is a plain HTTP error; one that fails later ends its stream with an
 * OpenAI {@code error} event. A client that goes away does not stop the turn: it is settled and recorded like any
 * other, and its answer is dropped (an XMPP client would find it in its archive).
 */
public final class OpenAiRoutes implements ConsoleRoutes {
  private final Authenticator auth;
  private final AgentTurns turns;

  public OpenAiRoutes(Authenticator auth, AgentTurns turns) {
    this.auth = auth;
    this.turns = turns;
  }

  @Override
  public void mount(Router router) {
    router.route("/v1/*").failureHandler(OpenAiErrors::handle);
    router.get("/v1/models").handler(auth.apiKey()).handler(this::models);
    router.post("/v1/chat/completions").handler(auth.apiKey()).handler(this::complete);
  }

  @Override
  public Optional<String> openApi() {
    return Optional.of("openapi/openai.json");
  }

  private void models(RoutingContext ctx) {
    Context here = Vertx.currentContext();
    turns.models(Caller.of(ctx)).onComplete(ar -> here.runOnContext(v -> {
      if (ar.failed()) {
        ctx.fail(ar.cause());
        return;
      }
      JsonArray data = new JsonArray();
      ar.result().forEach(m -> data.add(new JsonObject().put("id", m.id()).put("object", "model")
          .put("created", m.created().getEpochSecond()).put("owned_by", m.ownerUsername()).put("jid", m.jid())));
      ctx.json(new JsonObject().put("object", "list").put("data", data));
    }));
  }

  private void complete(RoutingContext ctx) {
    TurnRequest request = ChatCompletionRequest.read(ConsoleServer.jsonBody(ctx));
    ChatCompletions shapes = new ChatCompletions("chatcmpl-" + UUID.randomUUID(), request.model(),
        Instant.now().getEpochSecond());
    Context here = Vertx.currentContext();
    if (!request.stream()) {
      turns.turn(Caller.of(ctx), request, text -> { }).onComplete(ar -> here.runOnContext(v -> {
        if (ar.failed()) {
          ctx.fail(ar.cause());
        } else {
          ctx.json(shapes.completion(ar.result().text()));
        }
      }));
      return;
    }
    EventStream stream = new EventStream(ctx, shapes);
    Future<TurnAnswer> answer = turns.turn(Caller.of(ctx), request,
        text -> here.runOnContext(v -> stream.text(text)));
    answer.onComplete(ar -> here.runOnContext(v -> {
      if (ar.succeeded()) {
        stream.finish(ar.result().text());
      } else if (!stream.started()) {
        ctx.fail(ar.cause());
      } else {
        stream.fail(ar.cause());
      }
    }));
  }
}
