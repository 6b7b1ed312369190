package io.aiox.component;

import io.aiox.testkit.TestServers;
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
}
