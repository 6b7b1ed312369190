package io.aiox.component.xmpp;

import io.vertx.core.Future;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.List;

/**
 * One Redis connection that carries every request sent through it, pipelined: RESP lets many requests be in flight
 * on one connection, answered in order. The pooled client instead takes a connection per request and holds it until
 * the answer, so with its 16 connections and a few milliseconds per round trip on a busy machine it capped the hub
 * at about 2,000 turns/s, every turn waiting in the pool's queue. Made from the component's event loop, the
 * connection's I/O runs on the thread that sends. A lost connection is replaced on the next request; the requests in
 * flight on it fail, and the quota check then refuses their turns as unavailable (it fails closed).
 */
final class PipelinedRedis implements Redis {
  private final Redis client;
  private Future<RedisConnection> connection;
  private boolean closed;

  /** {@code client}: makes the connection (its options set how many requests may wait on it). */
  PipelinedRedis(Redis client) {
    this.client = client;
  }

  @Override
  public Future<Response> send(Request request) {
    return connection().compose(c -> c.send(request));
  }

  @Override
  public Future<List<Response>> batch(List<Request> requests) {
    return connection().compose(c -> c.batch(requests));
  }

  /** A connection of its own (for example a subscription), not the shared one. */
  @Override
  public Future<RedisConnection> connect() {
    return client.connect();
  }

  @Override
  public Future<Void> close() {
    Future<RedisConnection> c;
    synchronized (this) {
      closed = true;
      c = connection;
      connection = null;
    }
    Future<Void> ended = c == null ? Future.succeededFuture()
        : c.transform(ar -> ar.succeeded() ? ar.result().close() : Future.<Void>succeededFuture());
    return ended.transform(ar -> client.close());
  }

  private synchronized Future<RedisConnection> connection() {
    if (closed) {
      return Future.failedFuture(new IllegalStateException("the component's Redis client is closed"));
    }
    Future<RedisConnection> c = connection;
    if (c == null || c.failed()) {
      Future<RedisConnection> made = client.connect();
      connection = made;
      made.onSuccess(conn -> {
        conn.exceptionHandler(e -> drop(made));
        conn.endHandler(v -> drop(made));
      });
      c = made;
    }
    return c;
  }

  private synchronized void drop(Future<RedisConnection> lost) {
    if (connection == lost) {
      connection = null;
    }
  }
}
