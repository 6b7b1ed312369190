package io.aiox.worker.memory;

import io.aiox.schema.id.AgentId;
import io.aiox.schema.id.OwnerId;
import io.aiox.schema.memory.Memory;
import io.aiox.schema.memory.MemoryId;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * {@link MemoryService} on the event bus at {@link #ADDRESS}, so any node (a component without inference, the web
 * console) can reach the node that runs the embedding model. A request is {@code {action, ownerId, agentId, ...}};
 * a failure travels as the {@link MemoryFailure.Kind} code with the owner-readable message.
 */
public final class MemoryBus {
  public static final String ADDRESS = "aiox.memory";

  private final MemoryService service;

  public MemoryBus(MemoryService service) {
    this.service = service;
  }

  public MessageConsumer<JsonObject> register(EventBus bus) {
    return bus.consumer(ADDRESS, this::handle);
  }

  private void handle(Message<JsonObject> message) {
    Future<JsonObject> reply;
    try {
      reply = dispatch(message.body());
    } catch (IllegalArgumentException | ClassCastException | NullPointerException e) {
      reply = Future.failedFuture(new MemoryFailure(MemoryFailure.Kind.INVALID,
          "bad memory request: " + e.getMessage()));
    }
    reply.onSuccess(message::reply).onFailure(e -> message.fail(
        e instanceof MemoryFailure f ? f.kind().code() : MemoryFailure.Kind.UNAVAILABLE.code(),
        e.getMessage() == null ? e.toString() : e.getMessage()));
  }

  private Future<JsonObject> dispatch(JsonObject req) {
    OwnerId owner = OwnerId.parse(req.getString("ownerId"));
    AgentId agent = AgentId.parse(req.getString("agentId"));
    return switch (req.getString("action", "")) {
      case "remember" -> service.remember(owner, agent, req.getString("text"))
          .map(id -> new JsonObject().put("id", id.toString()));
      case "forget" -> service.forget(owner, agent, req.getJsonArray("ids", new JsonArray()).stream()
          .map(o -> MemoryId.parse((String) o)).toList()).map(n -> new JsonObject().put("deleted", n));
      case "forget_all" -> service.forgetAll(owner, agent).map(n -> new JsonObject().put("deleted", n));
      case "list" -> service.list(owner, agent, req.getInteger("limit", 50))
          .map(list -> new JsonObject().put("memories", encode(list)));
      case "add_document" -> service.addDocument(owner, agent, req.getString("name"), req.getString("mediaType"),
          req.getBinary("content")).map(MemoryBus::added);
      case "add_document_url" -> service.addDocumentFromUrl(owner, agent, req.getString("url"),
          req.getString("actor")).map(MemoryBus::added);
      default -> Future.failedFuture(new MemoryFailure(MemoryFailure.Kind.INVALID,
          "unknown memory action " + req.getString("action")));
    };
  }

  private static JsonObject added(DocumentIngest.Added a) {
    return new JsonObject().put("source", a.source()).put("chunks", a.chunks());
  }

  static JsonArray encode(List<Memory> list) {
    JsonArray out = new JsonArray();
    list.forEach(m -> out.add(new JsonObject().put("id", m.id().toString()).put("kind", m.kind().sql())
        .put("source", m.source()).put("content", m.content())
        .put("createdAt", m.createdAt() == null ? null : m.createdAt().toString())));
    return out;
  }
}
