package io.aiox.component;

import io.aiox.schema.agent.Agent;
import io.aiox.testkit.TestServers;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.jxmpp.jid.EntityBareJid;

/** Test fixture: what the hub stored about an agent, read as the database's admin (past row-level security). */
public final class AgentRows {
  private AgentRows() {}

  /** The types of the agent's audit entries, oldest first. */
  public static List<String> auditTypes(TestServers servers, String database, EntityBareJid agent) throws Exception {
    try (Connection c = servers.postgres().adminConnection(database); PreparedStatement q = c.prepareStatement(
        "SELECT l.event_type FROM audit_logs l JOIN agents a ON a.id = l.agent_id WHERE a.jid = ? ORDER BY l.seq")) {
      q.setString(1, agent.toString());
      ResultSet rs = q.executeQuery();
      List<String> types = new ArrayList<>();
      while (rs.next()) {
        types.add(rs.getString(1));
      }
      return types;
    }
  }

  /** Lets {@code who} consult the JIDs in {@code jids} (its governance's {@code consult} list). */
  public static void consults(TestServers servers, String database, Agent who, JsonArray jids) throws Exception {
    try (Connection c = servers.postgres().adminConnection(database); PreparedStatement q = c.prepareStatement(
        "UPDATE agents SET governance = governance || jsonb_build_object('consult', ?::jsonb) WHERE id = ?")) {
      q.setString(1, jids.encode());
      q.setObject(2, who.id().value());
      if (q.executeUpdate() != 1) {
        throw new IllegalStateException("no agent " + who.id());
      }
    }
  }

  /** Executions of {@code agent}, oldest first: {@code peer}, {@code output}, {@code calls} and {@code status}. */
  public static List<JsonObject> executions(TestServers servers, String database, Agent agent) throws Exception {
    try (Connection c = servers.postgres().adminConnection(database); PreparedStatement q = c.prepareStatement(
        "SELECT peer_jid, output, tools_called::text, status FROM executions WHERE agent_id = ? ORDER BY created_at")) {
      q.setObject(1, agent.id().value());
      ResultSet rs = q.executeQuery();
      List<JsonObject> out = new ArrayList<>();
      while (rs.next()) {
        out.add(new JsonObject().put("peer", rs.getString(1)).put("output", rs.getString(2))
            .put("calls", new JsonArray(rs.getString(3))).put("status", rs.getString(4)));
      }
      return out;
    }
  }
}
