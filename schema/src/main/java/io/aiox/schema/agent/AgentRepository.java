package io.aiox.schema.agent;

import io.aiox.schema.OwnerScope;
import io.aiox.schema.id.AgentId;
import io.aiox.schema.id.AgentJid;
import io.aiox.schema.id.OwnerId;
import io.aiox.schema.key.Sealed;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Agents. Every call but {@link #route} names the owner, and row-level security holds the database to it. */
public final class AgentRepository {
  /** The columns every agent query selects, in the order {@link #all} reads. */
  public static final String COLUMNS = "id, owner_user_id, jid, profile, llm_config, capabilities, memory_config,"
      + " governance, governance_version, visibility, created_at, updated_at, deleted_at";

  private final OwnerScope scope;
  private final String agentsDomain;

  public AgentRepository(OwnerScope scope, String agentsDomain) {
    this.scope = scope;
    this.agentsDomain = agentsDomain;
  }

  public Future<Agent> create(OwnerId owner, NewAgent agent) {
    return scope.run(owner, conn -> insert(conn, owner, agent));
  }

  private Future<Agent> insert(SqlConnection conn, OwnerId owner, NewAgent agent) {
    AgentId id = AgentId.random();
    AgentJid jid = new AgentJid(id, agentsDomain);
    Tuple args = Tuple.of(id.value(), owner.value(), jid.toString(), agent.profile(), agent.llmConfig(),
        agent.capabilities(), agent.memoryConfig(), agent.governance(), agent.visibility().sql());
    return conn.preparedQuery("INSERT INTO agents (id, owner_user_id, jid, profile, llm_config, capabilities,"
            + " memory_config, governance, visibility) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING " + COLUMNS)
        .execute(args).map(rows -> toAgent(rows.iterator().next()));
  }

  /**
   * Creates the agent unless the owner already has {@code maxLive} live agents; empty then. The owner's creations
   * are serialised by a transaction-scoped advisory lock, so concurrent requests cannot pass the limit together.
   */
  public Future<Optional<Agent>> createWithin(OwnerId owner, NewAgent agent, int maxLive) {
    return scope.run(owner, conn -> conn.preparedQuery("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))")
        .execute(Tuple.of("aiox.agents.create:" + owner)).compose(locked -> conn
            .preparedQuery("SELECT count(*) FROM agents WHERE owner_user_id = $1 AND deleted_at IS NULL")
            .execute(Tuple.of(owner.value()))).compose(rows -> rows.iterator().next().getLong(0) >= maxLive
                ? Future.succeededFuture(Optional.<Agent>empty())
                : insert(conn, owner, agent).map(Optional::of)));
  }

  /** The owner's agent, deleted or not; empty for another owner's agent. */
  public Future<Optional<Agent>> get(OwnerId owner, AgentId id) {
    return scope.run(owner, conn -> conn.preparedQuery("SELECT " + COLUMNS + " FROM agents WHERE id = $1")
        .execute(Tuple.of(id.value())).map(AgentRepository::first));
  }

  /** The owner's live agents, oldest first. */
  public Future<List<Agent>> listByOwner(OwnerId owner) {
    return scope.run(owner, conn -> conn
        .preparedQuery("SELECT " + COLUMNS + " FROM agents WHERE owner_user_id = $1 AND deleted_at IS NULL"
            + " ORDER BY created_at, id")
        .execute(Tuple.of(owner.value())).map(AgentRepository::all));
  }

  /** Soft delete; true when a live agent of this owner was deleted now. */
  public Future<Boolean> softDelete(OwnerId owner, AgentId id) {
    return scope.run(owner, conn -> conn
        .preparedQuery("UPDATE agents SET deleted_at = now(), updated_at = now() WHERE id = $1 AND deleted_at IS NULL")
        .execute(Tuple.of(id.value())).map(rows -> rows.rowCount() == 1));
  }

  /** The JSON settings of an agent an owner may change after creation. */
  public enum Setting {
    PROFILE("profile"), LLM_CONFIG("llm_config"), MEMORY_CONFIG("memory_config"), GOVERNANCE("governance");

    private final String column;

    Setting(String column) {
      this.column = column;
    }

    public String column() {
      return column;
    }
  }

  /**
   * Merges each patch into its setting of the owner's live agent (top-level keys replace; a key set to null is
   * removed) and, when given, sets its visibility, in one statement. A governance change raises
   * {@code governance_version}. Empty when the agent is not the owner's or is deleted.
   */
  public Future<Optional<Agent>> update(OwnerId owner, AgentId id, Map<Setting, JsonObject> patches,
                                        Optional<Visibility> visibility) {
    StringBuilder sql = new StringBuilder("UPDATE agents SET updated_at = now()");
    Tuple args = Tuple.of(id.value());
    Map<Setting, JsonObject> ordered = new EnumMap<>(Setting.class);
    ordered.putAll(patches);
    for (Map.Entry<Setting, JsonObject> patch : ordered.entrySet()) {
      String c = patch.getKey().column();
      args.addValue(patch.getValue());
      sql.append(", ").append(c).append(" = jsonb_strip_nulls(").append(c).append(" || $").append(args.size())
          .append("::jsonb)");
      if (patch.getKey() == Setting.GOVERNANCE) {
        sql.append(", governance_version = governance_version + 1");
      }
    }
    if (visibility.isPresent()) {
      args.addValue(visibility.get().sql());
      sql.append(", visibility = $").append(args.size());
    }
    sql.append(" WHERE id = $1 AND deleted_at IS NULL RETURNING ").append(COLUMNS);
    return scope.run(owner, conn -> conn.preparedQuery(sql.toString()).execute(args).map(AgentRepository::first));
  }

  /** Sets {@code llm_config.model}; true when the owner's live agent was changed. */
  public Future<Boolean> setModel(OwnerId owner, AgentId id, String model) {
    return scope.run(owner, conn -> conn
        .preparedQuery("UPDATE agents SET llm_config = jsonb_set(llm_config, '{model}', to_jsonb($2::text)),"
            + " updated_at = now() WHERE id = $1 AND deleted_at IS NULL")
        .execute(Tuple.of(id.value(), model)).map(rows -> rows.rowCount() == 1));
  }

  /** Stores the sealed system prompt (null clears it); true when the owner's live agent was changed. */
  public Future<Boolean> setSystemPrompt(OwnerId owner, AgentId id, Sealed sealed) {
    Tuple args = Tuple.of(id.value(), sealed == null ? null : Buffer.buffer(sealed.ciphertext()),
        sealed == null ? null : sealed.keyVersion());
    return scope.run(owner, conn -> conn
        .preparedQuery("UPDATE agents SET system_prompt_enc = $2, system_prompt_key = $3, updated_at = now()"
            + " WHERE id = $1 AND deleted_at IS NULL")
        .execute(args).map(rows -> rows.rowCount() == 1));
  }

  /** The owner's agent's sealed system prompt; empty when none is set or the agent is not the owner's. */
  public Future<Optional<Sealed>> systemPrompt(OwnerId owner, AgentId id) {
    return scope.run(owner, conn -> conn
        .preparedQuery("SELECT system_prompt_enc, system_prompt_key FROM agents"
            + " WHERE id = $1 AND system_prompt_enc IS NOT NULL")
        .execute(Tuple.of(id.value())).map(rows -> rows.size() == 0 ? Optional.<Sealed>empty()
            : Optional.of(sealed(rows.iterator().next()))));
  }

  private static Sealed sealed(Row r) {
    return new Sealed(r.getBuffer("system_prompt_enc").getBytes(), r.getInteger("system_prompt_key"));
  }

  /** Routing: the agent behind an address, whoever asks; deleted agents are returned so callers can tell them apart. */
  public Future<Optional<Agent>> route(AgentJid jid) {
    return scope.pool().preparedQuery("SELECT " + COLUMNS + " FROM aiox_agent_route($1)")
        .execute(Tuple.of(jid.toString())).map(AgentRepository::first);
  }

  private static Optional<Agent> first(RowSet<Row> rows) {
    return rows.size() == 0 ? Optional.empty() : Optional.of(toAgent(rows.iterator().next()));
  }

  /** Maps rows selected with {@link #COLUMNS}. */
  public static List<Agent> all(RowSet<Row> rows) {
    List<Agent> agents = new ArrayList<>(rows.size());
    rows.forEach(r -> agents.add(toAgent(r)));
    return agents;
  }

  private static Agent toAgent(Row r) {
    AgentJid jid = AgentJid.parse(r.getString("jid"))
        .orElseThrow(() -> new IllegalStateException("stored agent JID is malformed: " + r.getString("jid")));
    return new Agent(new AgentId(r.getUUID("id")), new OwnerId(r.getUUID("owner_user_id")), jid,
        r.getJsonObject("profile"), r.getJsonObject("llm_config"), r.getJsonObject("capabilities"),
        r.getJsonObject("memory_config"), r.getJsonObject("governance"), r.getInteger("governance_version"),
        Visibility.parse(r.getString("visibility")), r.getOffsetDateTime("created_at"),
        r.getOffsetDateTime("updated_at"), r.getOffsetDateTime("deleted_at"));
  }
}
