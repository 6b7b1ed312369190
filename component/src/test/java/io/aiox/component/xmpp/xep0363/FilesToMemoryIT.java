package io.aiox.component.xmpp.xep0363;

import static org.assertj.core.api.Assertions.assertThat;

import io.aiox.component.PromptTap;
import io.aiox.component.hub.Hub;
import io.aiox.component.hub.HubConfig;
import io.aiox.component.hub.TestHubConfig;
import io.aiox.component.inference.DemoModelFixture;
import io.aiox.schema.agent.Agent;
import io.aiox.schema.agent.AgentRepository;
import io.aiox.schema.agent.NewAgent;
import io.aiox.schema.agent.Visibility;
import io.aiox.schema.user.User;
import io.aiox.schema.user.UserRepository;
import io.aiox.testkit.EjabberdServer;
import io.aiox.testkit.RealServers;
import io.aiox.testkit.TestServers;
import io.aiox.worker.inference.InferenceVerticle;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jivesoftware.smack.StanzaCollector;
import org.jivesoftware.smack.filter.FromMatchesFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.httpfileupload.element.Slot;
import org.jivesoftware.smackx.httpfileupload.element.SlotRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;

/**
 * rfc/aiox-agents.md section 6.3 against ejabberd's mod_http_upload: a person uploads a file with XEP-0363 (Smack's
 * XEP-0363 elements) and sends its link to an agent with XEP-0066 out-of-band data; the agent's owner gets a
 * confirmation and the text is recalled in a later turn (read from the prompt tap), anyone else is refused.
 */
@ExtendWith(RealServers.class)
class FilesToMemoryIT {
  private static final Duration WAIT = Duration.ofSeconds(90);

  private static Hub hub;
  private static String uploadPrefix;
  private static XMPPTCPConnection alice;
  private static XMPPTCPConnection bob;
  private static User aliceUser;
  private static AgentRepository agents;
  private static PromptTap prompts;

  @BeforeAll
  static void start(TestServers servers) throws Exception {
    EjabberdServer ejabberd = servers.ejabberd();
    uploadPrefix = ejabberd.uploadUrl();
    JsonObject config = TestHubConfig.json(servers);
    config.put("inference", new JsonObject().put("default_model", "demo").put("models", new JsonObject()
        .put("demo", new JsonObject().put("path", DemoModelFixture.model().toString()).put("context_size", 4096)
            .put("threads", 2).put("slots", 2).put("demo", true))));
    config.put("tools", new JsonObject().put("document_parser", new JsonObject()
        .put("upload_services", new JsonArray().add(ejabberd.uploadUrl()))));
    hub = Hub.start(HubConfig.fromJson(config));
    prompts = PromptTap.on(hub.vertx());
    UserRepository users = new UserRepository(hub.database().ownerScope());
    alice = ejabberd.newUser("file-alice");
    bob = ejabberd.newUser("file-bob");
    aliceUser = users.create(alice.getUser().getLocalpart().toString(), alice.getUser().asBareJid().toString()).await();
    users.create(bob.getUser().getLocalpart().toString(), bob.getUser().asBareJid().toString()).await();
    agents = new AgentRepository(hub.database().ownerScope(), ejabberd.componentDomain());
  }

  @AfterAll
  static void stop() {
    alice.disconnect();
    bob.disconnect();
    hub.close();
  }

  @Test
  void an_uploaded_file_sent_with_oob_is_remembered_and_recalled_in_a_later_turn() throws Exception {
    Agent agent = agent("Filer", true);
    URL url = upload(alice, "office-notes.txt", "Visitors sign in at the front desk.\n\n"
        + "The server room door code is 5150.");

    Message reply = send(alice, jid(agent), url.toString(), true);
    assertThat(reply.getType()).isEqualTo(Message.Type.chat);
    assertThat(reply.getBody()).isEqualTo("remembered office-notes.txt: 1 passage");
    assertThat(prompts.all()).as("the file was no chat turn").noneMatch(p -> p.getString("user").contains("/upload/"));

    send(alice, jid(agent), "What is the code of the server room?", false);
    assertThat(promptFor(agent, "What is the code of the server room?").getString("system"))
        .contains("[document " + url).contains("5150");
  }

  @Test
  void a_strangers_file_is_refused_with_a_text() throws Exception {
    Agent agent = agent("Public filer", true);
    URL url = upload(bob, "bobs.txt", "Bob wants this remembered.");

    Message reply = send(bob, jid(agent), url.toString(), true);
    assertThat(reply.getType()).isEqualTo(Message.Type.error);
    assertThat(reply.getError().getCondition()).isEqualTo(StanzaError.Condition.forbidden);
    assertThat(reply.getError().getDescriptiveText()).contains("only the agent's owner");
  }

  @Test
  void a_file_for_an_agent_without_long_term_memory_is_refused_saying_memory_is_off()
      throws Exception {
    Agent agent = agent("Forgetter", false);
    URL url = upload(alice, "notes.txt", "Nothing to keep.");

    Message reply = send(alice, jid(agent), url.toString(), false); // a bare link on the hub's upload service
    assertThat(reply.getType()).isEqualTo(Message.Type.error);
    assertThat(reply.getError().getDescriptiveText()).contains("long-term memory is off");
  }

  /**
   * XEP-0363 sections 4 and 5: a slot from ejabberd's upload service (upload.DOMAIN), then the PUT. Smack's element
   * classes are used rather than its HttpFileUploadManager, which, once loaded, makes every later login in this JVM
   * disco the server's services, the agents domain included, before other tests have created their users.
   */
  private static URL upload(XMPPTCPConnection who, String name, String text) throws Exception {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    Slot slot = who.sendIqRequestAndWaitForResponse(new SlotRequest(JidCreate.domainBareFrom("upload."
        + who.getXMPPServiceDomain()), name, bytes.length, "text/plain"));
    HttpRequest.Builder put = HttpRequest.newBuilder(slot.getPutUrl().toURI()).timeout(Duration.ofSeconds(10))
        .header("content-type", "text/plain").PUT(HttpRequest.BodyPublishers.ofByteArray(bytes));
    slot.getHeaders().forEach(put::header);
    HttpResponse<Void> response = HttpClient.newHttpClient().send(put.build(),
        HttpResponse.BodyHandlers.discarding());
    assertThat(response.statusCode()).as("the PUT to the slot").isBetween(200, 201);
    assertThat(slot.getGetUrl().toString()).startsWith(uploadPrefix);
    return slot.getGetUrl();
  }

  /** XEP-0363 section 1 / XEP-0066: the link as body, and as out-of-band data when {@code oob}. */
  private static Message send(XMPPTCPConnection from, EntityBareJid to, String body, boolean oob) throws Exception {
    try (StanzaCollector replies = from.createStanzaCollector(FromMatchesFilter.createBare(to))) {
      var message = from.getStanzaFactory().buildMessageStanza().to(to).ofType(Message.Type.chat).setBody(body);
      if (oob) {
        message.addExtension(StandardExtensionElement.builder("x", SentFile.OOB).addElement("url", body).build());
      }
      from.sendStanza(message.build());
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (System.nanoTime() < deadline) {
        Message m = replies.nextResult(1_000);
        if (m != null && (m.getType() == Message.Type.error || m.getBody() != null)) {
          return m;
        }
      }
      throw new AssertionError("no answer from " + to + " within " + WAIT.toSeconds() + " s");
    }
  }

  private static Agent agent(String name, boolean memory) {
    return agents.create(aliceUser.id(), new NewAgent(new JsonObject().put("name", name),
        new JsonObject().put("model", "demo").put("max_tokens", 8), null,
        memory ? new JsonObject().put("long_term_enabled", true) : null, null, Visibility.PUBLIC)).await();
  }

  private static EntityBareJid jid(Agent agent) throws Exception {
    return JidCreate.entityBareFrom(agent.jid().toString());
  }

  private static JsonObject promptFor(Agent agent, String message) throws InterruptedException {
    return prompts.promptFor(agent, message);
  }

}
