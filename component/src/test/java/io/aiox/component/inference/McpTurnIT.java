package io.aiox.component.inference;

import static org.assertj.core.api.Assertions.assertThat;

import io.aiox.component.AgentRows;
import io.aiox.component.hub.Hub;
import io.aiox.component.hub.HubConfig;
import io.aiox.component.hub.TestHubConfig;
import io.aiox.component.xmpp.chat.ToolStatus;
import io.aiox.schema.agent.Agent;
import io.aiox.schema.agent.AgentRepository;
import io.aiox.schema.agent.NewAgent;
import io.aiox.schema.agent.Visibility;
import io.aiox.schema.tool.AgentToolRepository;
import io.aiox.schema.user.User;
import io.aiox.schema.user.UserRepository;
import io.aiox.testkit.EjabberdServer;
import io.aiox.testkit.Ports;
import io.aiox.testkit.RealServers;
import io.aiox.testkit.TestServers;
import io.aiox.testkit.llm.ScriptedToolModel;
import io.aiox.testkit.llm.ScriptedToolModel.Answer;
import io.aiox.testkit.llm.ScriptedToolModel.Call;
import io.aiox.testkit.llm.ScriptedToolModel.Calls;
import io.aiox.testkit.mcp.EverythingMcpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jivesoftware.smack.StanzaCollector;
import org.jivesoftware.smack.filter.FromMatchesFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;

/**
 * An MCP server's tool used from a chat message (rfc/aiox-agents.md section 9.11): the hub starts the operator's
 * stdio server (the reference MCP server from npm), offers its {@code echo} as {@code mcp_everything_echo} to the
 * agent's model, runs the model's call through the agent's policy and hands the result back. A server that is not
 * running is reported to the model with the reason. The model is a scripted OpenAI-compatible server (a fixture);
 * the hub, the MCP server, ejabberd, PostgreSQL, Redis and the owner's Smack client are real.
 */
@ExtendWith(RealServers.class)
class McpTurnIT {
  private static Hub hub;
  private static TestServers servers;
  private static String database;
  private static XMPPTCPConnection owner;
  private static User ownerUser;
  private static AgentRepository agents;
  private static ScriptedToolModel model;

  @BeforeAll
  static void start(TestServers s) throws Exception {
    servers = s;
    EjabberdServer ejabberd = servers.ejabberd();
    model = ScriptedToolModel.start(McpTurnIT::script);
    JsonObject config = TestHubConfig.json(servers);
    database = config.getJsonObject("database").getString("database");
    config.put("inference", new JsonObject().put("default_model", "scripted")
        .put("models", new JsonObject().put("scripted", new JsonObject().put("provider", "openai")
            .put("base_url", model.baseUrl()).put("model", "scripted").put("timeout_seconds", 60))));
    config.put("tools", new JsonObject().put("mcp", new JsonObject().put("servers", new JsonObject()
        .put("everything", new JsonObject().put("transport", "stdio").put("requires_approval", false)
            .put("command", new JsonArray(EverythingMcpServer.stdioCommand())))
        .put("gone", new JsonObject().put("transport", "http").put("requires_approval", false)
            .put("url", "http://127.0.0.1:" + Ports.free() + "/mcp").put("connect_timeout_seconds", 5)))));
    hub = Hub.start(HubConfig.fromJson(config));
    owner = ejabberd.newUser("mcpuser");
    ownerUser = new UserRepository(hub.database().ownerScope())
        .create(owner.getUser().getLocalpart().toString(), owner.getUser().asBareJid().toString()).await();
    agents = new AgentRepository(hub.database().ownerScope(), ejabberd.componentDomain());
  }

  @AfterAll
  static void stop() {
    if (owner != null) {
      owner.disconnect();
    }
    if (hub != null) {
      hub.close();
    }
    if (model != null) {
      model.close();
    }
  }

  /** "echo TEXT" calls mcp_everything_echo, "ask gone" calls mcp_gone_echo; after a tool result it answers with it. */
  private static ScriptedToolModel.Step script(JsonObject body) {
    if (!body.containsKey("tools")) {
      return new Answer("no tools offered");
    }
    if (ScriptedToolModel.afterTool(body)) {
      JsonArray messages = body.getJsonArray("messages");
      return new Answer("tool said: " + messages.getJsonObject(messages.size() - 1).getString("content"));
    }
    String user = lastUser(body);
    String tool = user.startsWith("ask gone") ? "mcp_gone_echo" : "mcp_everything_echo";
    String text = user.startsWith("echo ") ? user.substring(5) : user;
    return new Calls(List.of(new Call(tool, new JsonObject().put("message", text).encode())));
  }

  private static String lastUser(JsonObject body) {
    String last = "";
    for (Object o : body.getJsonArray("messages")) {
      JsonObject m = (JsonObject) o;
      if ("user".equals(m.getString("role"))) {
        last = String.valueOf(m.getValue("content"));
      }
    }
    return last;
  }

  private static EntityBareJid agent(String name, String tool) throws Exception {
    Agent a = agents.create(ownerUser.id(), new NewAgent(new JsonObject().put("name", name),
        new JsonObject().put("model", "scripted").put("max_tokens", 64), null, null, null, Visibility.PRIVATE)).await();
    new AgentToolRepository(hub.database().ownerScope()).enable(ownerUser.id(), a.id(), tool, new JsonObject())
        .await();
    return JidCreate.entityBareFrom(a.jid().toString());
  }

  /** Sends {@code body} and returns the agent's answer (the first chat message with a body that is not a status). */
  private static Message turn(EntityBareJid jid, String body) throws Exception {
    try (StanzaCollector replies = owner.createStanzaCollector(FromMatchesFilter.createBare(jid))) {
      owner.sendStanza(owner.getStanzaFactory().buildMessageStanza().to(jid).ofType(Message.Type.chat)
          .setBody(body).build());
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (System.nanoTime() < deadline) {
        Message m = replies.nextResult(1_000);
        if (m != null && (m.getType() == Message.Type.error
            || m.getBody() != null && !m.hasExtension("tool", ToolStatus.NAMESPACE))) {
          return m;
        }
      }
    }
    throw new AssertionError("no answer from " + jid);
  }

  @Test
  void an_mcp_tool_runs_from_a_chat_message_and_its_text_comes_back() throws Exception {
    EntityBareJid jid = agent("Echoer", "mcp_everything_echo");
    int first = model.requests().size();
    Message answer = turn(jid, "echo hello over MCP");
    assertThat(answer.getBody()).startsWith("tool said:").contains("Echo: hello over MCP");
    JsonObject offered = model.requests().get(first).getJsonArray("tools").getJsonObject(0).getJsonObject("function");
    assertThat(offered.getString("name")).isEqualTo("mcp_everything_echo");
    assertThat(offered.getString("description")).isEqualTo("Echoes back the input string");
    assertThat(offered.getJsonObject("parameters").getJsonObject("properties").containsKey("message")).isTrue();
    assertThat(events(jid)).containsExactly("tool.allowed", "tool.executed");
  }

  @Test
  void a_tool_of_a_server_that_is_not_running_is_refused_to_the_model_with_the_reason() throws Exception {
    EntityBareJid jid = agent("Hopeful", "mcp_gone_echo");
    Message answer = turn(jid, "ask gone whether it is there");
    assertThat(answer.getBody()).startsWith("tool said:")
        .contains("mcp_gone_echo: the MCP server gone is not connected (connection refused)");
    assertThat(events(jid)).containsExactly("tool.denied");
  }

  private static List<String> events(EntityBareJid jid) throws Exception {
    return AgentRows.auditTypes(servers, database, jid);
  }

}
