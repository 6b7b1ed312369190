package io.aiox.schema.memory;

import io.aiox.schema.OwnerScope;
import io.aiox.schema.id.AgentId;
import io.aiox.schema.id.OwnerId;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Long-term memories. Every method takes the owner and the agent, and every statement filters on both; the owner
 * also sets the transaction's row-level security scope, so the database refuses any other owner's rows even if a
 * statement here were wrong. Writes go to live agents only; a deleted agent's memories are never recalled and
 * {@link #purge} removes them once the retention period has passed.
 */
public final class MemoryRepository {
  /**
   * Agents with at most this many memories are searched exactly; larger ones through the HNSW index. An exact search
   * costs about 2 microseconds a memory (docs/PERFORMANCE.md), so this bounds it near 2 ms.
   */
  public static final int DEFAULT_EXACT_LIMIT = 1_000;
  /** HNSW candidates per search for large agents (pgvector's {@code hnsw.ef_search}). */
  public static final int DEFAULT_EF_SEARCH = 200;
  private static final String COLUMNS = "id, agent_id, kind, source, content, created_at";

  private final OwnerScope scope;
  private final int exactLimit;
  private final int efSearch;

  public MemoryRepository(OwnerScope scope) {
    this(scope, DEFAULT_EXACT_LIMIT, DEFAULT_EF_SEARCH);
  }

  public MemoryRepository(OwnerScope scope, int exactLimit, int efSearch) {
    if (exactLimit < 0 || efSearch < 1 || efSearch > 1_000) {
      throw new IllegalArgumentException("exactLimit must be >= 0 and efSearch 1..1000");
    }
    this.scope = scope;
    this.exactLimit = exactLimit;
    this.efSearch = efSearch;
  }

  /** Stores the memories for the owner's live agent, in one transaction; empty when the agent is not live. */
  public Future<List<MemoryId>> add(OwnerId owner, AgentId agent, List<NewMemory> memories) {
    return write(owner, agent, null, memories);
  }

  /**
   * Replaces every memory of the agent that came from {@code source} (a document added again) with these, in one
   * transaction; empty when the agent is not live.
   */
  public Future<List<MemoryId>> replaceSource(OwnerId owner, AgentId agent, String source, List<NewMemory> memories) {
    return write(owner, agent, Objects.requireNonNull(source, "source"), memories);
  }

  private Future<List<MemoryId>> write(OwnerId owner, AgentId agent, String replacing, List<NewMemory> memories) {
    if (memories.isEmpty() && replacing == null) {
      return Future.succeededFuture(List.of());
    }
    List<MemoryId> ids = new ArrayList<>(memories.size());
    List<Tuple> rows = new ArrayList<>(memories.size());
    for (NewMemory m : memories) {
      MemoryId id = new MemoryId(UUID.randomUUID());
      ids.add(id);
      rows.add(Tuple.of(id.value(), owner.value(), agent.value(), m.kind().sql(), m.source(), m.content(),
          vector(m.embedding()), m.metadata()));
    }
    return scope.run(owner, conn -> live(conn, owner, agent).compose(live -> !live
        ? Future.succeededFuture(List.<MemoryId>of())
        : drop(conn, owner, agent, replacing).compose(v -> rows.isEmpty() ? Future.succeededFuture(ids) : conn
            .preparedQuery("INSERT INTO agent_memories (id, owner_user_id, agent_id, kind, source, content,"
                + " embedding, metadata) VALUES ($1, $2, $3, $4, $5, $6, $7::vector, $8)")
            .executeBatch(rows).map(r -> ids))));
  }

  private static Future<Void> drop(SqlConnection conn, OwnerId owner, AgentId agent, String source) {
    return source == null ? Future.succeededFuture() : conn
        .preparedQuery("DELETE FROM agent_memories WHERE owner_user_id = $1 AND agent_id = $2 AND source = $3")
        .execute(Tuple.of(owner.value(), agent.value(), source)).mapEmpty();
  }

  /**
   * The agent's memories most similar to the query, best first; empty for a deleted or foreign agent. Recall runs on
   * every turn, so its owner-scoped transaction (BEGIN, the owner's scope, the search, COMMIT) is sent in one write
   * and answered in one round trip instead of four, which keeps its latency tail short on a busy host. It is the
   * same transaction {@link OwnerScope#run} opens: a failing statement aborts it and COMMIT then rolls it back.
   */
  public Future<List<RecalledMemory>> recall(OwnerId owner, AgentId agent, RecallQuery query) {
    Tuple args = Tuple.tuple().addUUID(owner.value()).addUUID(agent.value()).addString(query.peer())
        .addString(vector(query.embedding())).addInteger(query.k()).addDouble(query.minScore())
        .addInteger(exactLimit).addInteger(efSearch);
    return scope.pool().withConnection(conn -> {
      Future<RowSet<Row>> begin = conn.query("BEGIN").execute();
      Future<RowSet<Row>> scoped = conn.preparedQuery(OwnerScope.SET_OWNER).execute(Tuple.of(owner.toString()));
      Future<RowSet<Row>> found = conn.preparedQuery("SELECT id, kind, source, content, created_at, score"
          + " FROM aiox_memory_recall($1, $2, $3, $4::vector, $5, $6, $7, $8)").execute(args);
      Future<RowSet<Row>> commit = conn.query("COMMIT").execute();
      return Future.all(begin, scoped, found, commit).map(v -> {
        List<RecalledMemory> list = new ArrayList<>(found.result().size());
        found.result().forEach(r -> list.add(new RecalledMemory(memory(r, agent), r.getDouble("score"))));
        return list;
      });
    });
  }

  /** The agent's memories, newest first, at most {@code limit}. */
  public Future<List<Memory>> list(OwnerId owner, AgentId agent, int limit) {
    return scope.run(owner, conn -> conn
        .preparedQuery("SELECT " + COLUMNS + " FROM agent_memories WHERE owner_user_id = $1 AND agent_id = $2"
            + " ORDER BY created_at DESC, id LIMIT $3")
        .execute(Tuple.of(owner.value(), agent.value(), Math.max(limit, 0))).map(rows -> all(rows, agent)));
  }

  /** How many memories the agent holds. */
  public Future<Long> count(OwnerId owner, AgentId agent) {
    return scope.run(owner, conn -> conn
        .preparedQuery("SELECT count(*) AS n FROM agent_memories WHERE owner_user_id = $1 AND agent_id = $2")
        .execute(Tuple.of(owner.value(), agent.value())).map(rows -> rows.iterator().next().getLong("n")));
  }

  /** Deletes these memories of the agent; the number deleted (ids of other agents or owners are left alone). */
  public Future<Integer> delete(OwnerId owner, AgentId agent, List<MemoryId> ids) {
    UUID[] values = ids.stream().map(MemoryId::value).toArray(UUID[]::new);
    return scope.run(owner, conn -> conn
        .preparedQuery("DELETE FROM agent_memories WHERE owner_user_id = $1 AND agent_id = $2 AND id = ANY($3)")
        .execute(Tuple.of(owner.value(), agent.value(), values)).map(RowSet::rowCount));
  }

  /** Deletes the memories that came from one source (a document); the number deleted. */
  public Future<Integer> deleteSource(OwnerId owner, AgentId agent, String source) {
    return scope.run(owner, conn -> conn
        .preparedQuery("DELETE FROM agent_memories WHERE owner_user_id = $1 AND agent_id = $2 AND source = $3")
        .execute(Tuple.of(owner.value(), agent.value(), source)).map(RowSet::rowCount));
  }

  /** Deletes every memory of the agent; the number deleted. */
  public Future<Integer> deleteAll(OwnerId owner, AgentId agent) {
    return scope.run(owner, conn -> conn
        .preparedQuery("DELETE FROM agent_memories WHERE owner_user_id = $1 AND agent_id = $2")
        .execute(Tuple.of(owner.value(), agent.value())).map(RowSet::rowCount));
  }

  /**
   * Agents deleted before the cutoff that still hold memories, across owners, oldest deletion first. Only ids
   * cross owners here; each is then purged in its owner's own scope.
   */
  public Future<List<AgentRef>> retentionDue(Instant deletedBefore, int limit) {
    return scope.pool().preparedQuery("SELECT owner_user_id, agent_id FROM aiox_memory_retention_due($1, $2)")
        .execute(Tuple.of(OffsetDateTime.ofInstant(deletedBefore, ZoneOffset.UTC), limit)).map(rows -> {
          List<AgentRef> due = new ArrayList<>(rows.size());
          rows.forEach(r -> due.add(new AgentRef(new OwnerId(r.getUUID("owner_user_id")),
              new AgentId(r.getUUID("agent_id")))));
          return due;
        });
  }

  /**
   * Deletes up to {@code batch} memories of an agent that was deleted before the cutoff; the number deleted (0 for
   * a live agent or one deleted later). Batches keep each transaction short on agents with many memories.
   */
  public Future<Integer> purge(OwnerId owner, AgentId agent, Instant deletedBefore, int batch) {
    Tuple args = Tuple.of(owner.value(), agent.value(), OffsetDateTime.ofInstant(deletedBefore, ZoneOffset.UTC),
        batch);
    return scope.run(owner, conn -> conn
        .preparedQuery("DELETE FROM agent_memories WHERE owner_user_id = $1 AND agent_id = $2 AND id IN ("
            + "SELECT m.id FROM agent_memories m WHERE m.owner_user_id = $1 AND m.agent_id = $2"
            + " AND EXISTS (SELECT 1 FROM agents a WHERE a.id = $2 AND a.owner_user_id = $1 AND a.deleted_at < $3)"
            + " LIMIT $4)")
        .execute(args).map(RowSet::rowCount));
  }

  private static Future<Boolean> live(SqlConnection conn, OwnerId owner, AgentId agent) {
    return conn.preparedQuery("SELECT 1 FROM agents WHERE id = $1 AND owner_user_id = $2 AND deleted_at IS NULL")
        .execute(Tuple.of(agent.value(), owner.value())).map(rows -> rows.size() == 1);
  }

  private static List<Memory> all(RowSet<Row> rows, AgentId agent) {
    List<Memory> list = new ArrayList<>(rows.size());
    rows.forEach(r -> list.add(memory(r, agent)));
    return list;
  }

  private static Memory memory(Row r, AgentId agent) {
    return new Memory(new MemoryId(r.getUUID("id")), agent, MemoryKind.parse(r.getString("kind")),
        r.getString("source"), r.getString("content"), r.getOffsetDateTime("created_at"));
  }

  /** pgvector's text form, {@code [x,y,...]}; the statement casts it. */
  static String vector(float[] v) {
    StringBuilder b = new StringBuilder(v.length * 12).append('[');
    for (int i = 0; i < v.length; i++) {
      if (!Float.isFinite(v[i])) {
        throw new IllegalArgumentException("an embedding holds a non-finite number at " + i);
      }
      b.append(i == 0 ? "" : ",").append(v[i]);
    }
    return b.append(']').toString();
  }
}
