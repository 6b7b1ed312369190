package io.aiox.worker.memory;

import io.aiox.schema.id.AgentId;
import io.aiox.schema.id.OwnerId;
import io.aiox.schema.memory.MemoryId;
import io.aiox.worker.memory.MemoryFailure.Kind;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;

/**
 * Calls {@link MemoryService} over the event bus ({@link MemoryBus}). Failures arrive as {@link MemoryFailure}: the
 * service's own, or UNAVAILABLE when no node runs the memory service or it did not answer in time.
 */
public final class MemoryClient {
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
  /** Documents take longer: fetching, extracting and embedding hundreds of chunks. */
  public static final Duration DOCUMENT_TIMEOUT = Duration.ofSeconds(120);

  private final EventBus bus;

  public MemoryClient(EventBus bus) {
    this.bus = bus;
  }

  /** A memory as listed: id, kind, source, content, createdAt. */
  public record Listed(MemoryId id, String kind, String source, String content, String createdAt) {}

  public Future<MemoryId> remember(OwnerId owner, AgentId agent, String text) {
    return call(request("remember", owner, agent).put("text", text), DEFAULT_TIMEOUT)
        .map(r -> MemoryId.parse(r.getString("id")));
  }

  public Future<Integer> forget(OwnerId owner, AgentId agent, List<MemoryId> ids) {
    JsonArray list = new JsonArray();
    ids.forEach(id -> list.add(id.toString()));
    return call(request("forget", owner, agent).put("ids", list), DEFAULT_TIMEOUT).map(r -> r.getInteger("deleted"));
  }

  public Future<Integer> forgetAll(OwnerId owner, AgentId agent) {
    return call(request("forget_all", owner, agent), DEFAULT_TIMEOUT).map(r -> r.getInteger("deleted"));
  }

  public Future<List<Listed>> list(OwnerId owner, AgentId agent, int limit) {
    return call(request("list", owner, agent).put("limit", limit), DEFAULT_TIMEOUT).map(r -> r
        .getJsonArray("memories").stream().map(o -> (JsonObject) o)
        .map(m -> new Listed(MemoryId.parse(m.getString("id")), m.getString("kind"), m.getString("source"),
            m.getString("content"), m.getString("createdAt"))).toList());
  }

  /** Adds the document at the URL; completes with the number of chunks stored. */
  public Future<Integer> addDocumentFromUrl(OwnerId owner, AgentId agent, String url, String actor) {
    return call(request("add_document_url", owner, agent).put("url", url).put("actor", actor), DOCUMENT_TIMEOUT)
        .map(r -> r.getInteger("chunks"));
  }

  /** Adds an uploaded document; completes with the number of chunks stored. */
  public Future<Integer> addDocument(OwnerId owner, AgentId agent, String name, String mediaType, byte[] content) {
    return call(request("add_document", owner, agent).put("name", name).put("mediaType", mediaType)
        .put("content", content), DOCUMENT_TIMEOUT).map(r -> r.getInteger("chunks"));
  }

  private static JsonObject request(String action, OwnerId owner, AgentId agent) {
    return new JsonObject().put("action", action).put("ownerId", owner.toString()).put("agentId", agent.toString());
  }

  private Future<JsonObject> call(JsonObject request, Duration timeout) {
    return bus.<JsonObject>request(MemoryBus.ADDRESS, request, new DeliveryOptions().setSendTimeout(timeout.toMillis()))
        .map(m -> m.body())
        .recover(e -> Future.failedFuture(failure(e)));
  }

  private static MemoryFailure failure(Throwable e) {
    if (e instanceof ReplyException r && r.failureType() == ReplyFailure.RECIPIENT_FAILURE) {
      return new MemoryFailure(Kind.ofCode(r.failureCode()), r.getMessage());
    }
    if (e instanceof ReplyException r && r.failureType() == ReplyFailure.NO_HANDLERS) {
      return new MemoryFailure(Kind.UNAVAILABLE, "no node of this hub runs the memory service (it runs with"
          + " inference)");
    }
    if (e instanceof ReplyException r && r.failureType() == ReplyFailure.TIMEOUT) {
      return new MemoryFailure(Kind.UNAVAILABLE, "the memory service did not answer in time");
    }
    return new MemoryFailure(Kind.UNAVAILABLE, "the memory service failed: " + e.getMessage());
  }
}
