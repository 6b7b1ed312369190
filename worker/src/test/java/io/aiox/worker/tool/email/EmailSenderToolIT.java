package io.aiox.worker.tool.email;

import static org.assertj.core.api.Assertions.assertThat;

import io.aiox.policy.tool.net.HostResolver;
import io.aiox.schema.agent.Agent;
import io.aiox.testkit.RealServers;
import io.aiox.testkit.SmtpServer;
import io.aiox.testkit.TestServers;
import io.aiox.worker.tool.ToolCalls;
import io.aiox.worker.tool.ToolOutcome;
import io.aiox.worker.tool.ToolOutcome.Status;
import io.aiox.worker.tool.ToolRegistry;
import io.aiox.worker.tool.ToolTestBed;
import io.aiox.worker.tool.ToolsConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code email_sender} through {@link ToolCalls#invoke} against a real SMTP server (aiosmtpd from the testkit):
 * delivery over STARTTLS (RFC 3207), refusal of a server without it, plain text only when the operator allows it,
 * bad and refused recipients, and the audit entries (rfc/aiox-agents.md section 9).
 */
@ExtendWith(RealServers.class)
class EmailSenderToolIT {
  private static ToolTestBed bed;
  private static SmtpServer tls;
  private static SmtpServer plain;
  private static TestServers servers;

  @BeforeAll
  static void start(TestServers testServers) {
    servers = testServers;
    bed = new ToolTestBed(servers);
    tls = servers.smtp(true);
    plain = servers.smtp(false);
  }

  @AfterAll
  static void stop() {
    bed.close();
  }

  private static ToolCalls callsFor(SmtpServer server, JsonObject extra) {
    JsonObject section = new JsonObject().put("host", server.host()).put("port", server.port())
        .put("from", "agent@hub.test").put("trust_file", servers.smtpCa().certificate().toString())
        .put("timeout_seconds", 10).mergeIn(extra);
    ToolsConfig config = ToolsConfig.fromJson(new JsonObject().put("email_sender", section));
    return bed.calls(ToolRegistry.builtin(bed.vertx, HostResolver.system(bed.vertx), config));
  }

  private static Agent agent() {
    return bed.agentWith("email_sender", new JsonObject().put("requires_approval", false)
        .put("allowed_domains", new JsonArray(List.of("example.test", "reject.test"))));
  }

  private static ToolOutcome send(ToolCalls calls, Agent agent, List<String> to, String subject) {
    JsonObject args = new JsonObject().put("to", new JsonArray(to)).put("subject", subject)
        .put("body", "Hello Ann,\nthe report is ready.\n-- your agent");
    return calls.invoke(bed.owner.id(), agent.id(), "email_sender", args, "tell Ann").await();
  }

  private static String find(SmtpServer server, String subject) {
    List<String> all = server.awaitReceived(1, Duration.ofSeconds(5));
    return all.stream().filter(m -> m.contains("Subject: " + subject)).findFirst().orElseThrow(
        () -> new AssertionError("no mail with subject " + subject + " among " + all.size()));
  }

  @Test
  void delivers_a_mail_over_starttls_and_audits_who_to_subject_and_message_id_but_not_the_body() {
    Agent agent = agent();
    ToolOutcome outcome = send(callsFor(tls, new JsonObject()), agent, List.of("ann@example.test",
        "bob@example.test"), "Weekly report");
    assertThat(outcome.status()).as(outcome.reason()).isEqualTo(Status.EXECUTED);
    String messageId = outcome.result().getString("message_id");
    assertThat(messageId).isNotBlank();
    assertThat(outcome.result().getJsonArray("to")).containsExactly("ann@example.test", "bob@example.test");

    String mail = find(tls, "Weekly report");
    assertThat(mail).contains("X-Envelope-TLS: yes", "X-Envelope-From: agent@hub.test",
        "X-Envelope-To: ann@example.test,bob@example.test", "From: agent@hub.test",
        "To: ann@example.test,bob@example.test", "Auto-Submitted: auto-generated", "the report is ready.");
    assertThat(mail).containsPattern("(?i)Message-ID: *" + java.util.regex.Pattern.quote(messageId));

    assertThat(bed.audit(agent, "tool.allowed")).hasSize(1);
    JsonObject executed = bed.audit(agent, "tool.executed").getFirst();
    assertThat(executed.getString("status")).isEqualTo("ok");
    JsonObject summary = executed.getJsonObject("result");
    assertThat(summary.getString("message_id")).isEqualTo(messageId);
    assertThat(summary.getString("subject")).isEqualTo("Weekly report");
    assertThat(summary.getString("from")).isEqualTo("agent@hub.test");
    assertThat(summary.encode()).doesNotContain("the report is ready");
  }

  @Test
  void refuses_a_server_without_starttls_while_tls_is_required() {
    Agent agent = agent();
    int before = plain.received().size();
    ToolOutcome outcome = send(callsFor(plain, new JsonObject()), agent, List.of("ann@example.test"),
        "Must not travel in clear");
    assertThat(outcome.status()).isEqualTo(Status.FAILED);
    assertThat(outcome.reason()).containsIgnoringCase("STARTTLS");
    assertThat(plain.received()).hasSize(before);
    assertThat(bed.audit(agent, "tool.executed").getFirst().getString("status")).isEqualTo("failed");
  }

  @Test
  void sends_in_plain_text_only_when_the_operator_allows_it() {
    ToolOutcome outcome = send(callsFor(plain, new JsonObject().put("allow_plaintext", true)), agent(),
        List.of("ann@example.test"), "Plain on purpose");
    assertThat(outcome.status()).as(outcome.reason()).isEqualTo(Status.EXECUTED);
    assertThat(find(plain, "Plain on purpose")).contains("X-Envelope-TLS: no");
  }

  @Test
  void refuses_a_server_whose_certificate_it_does_not_trust() {
    ToolOutcome outcome = send(callsFor(tls, new JsonObject().putNull("trust_file")), agent(),
        List.of("ann@example.test"), "Untrusted");
    assertThat(outcome.status()).isEqualTo(Status.FAILED);
    assertThat(outcome.reason()).contains("sending through 127.0.0.1 failed").containsAnyOf("PKIX", "certif");
  }

  @Test
  void a_malformed_recipient_address_is_refused_with_a_clear_error_and_nothing_is_sent() {
    Agent agent = agent();
    ToolCalls calls = callsFor(tls, new JsonObject());
    ToolOutcome outcome = send(calls, agent, List.of("ann@example.test", "not an address"), "Never sent");
    assertThat(outcome.status()).isEqualTo(Status.DENIED);
    assertThat(outcome.reason()).isEqualTo("invalid arguments for email_sender: to: 'not an address' is not of the"
        + " form name@domain (at most 64 characters before '@', 254 in all)");
    ToolOutcome injected = send(calls, agent, List.of("ann@example.test"), "Hi\r\nBcc: eve@example.test");
    assertThat(injected.reason()).contains("subject may not contain line breaks");
    assertThat(bed.audit(agent, "tool.denied")).hasSize(2);
    assertThat(bed.audit(agent, "tool.executed")).isEmpty();
  }

  @Test
  void a_recipient_the_server_refuses_fails_with_the_servers_reply() {
    ToolOutcome outcome = send(callsFor(tls, new JsonObject()), agent(), List.of("nobody@reject.test"),
        "To nobody");
    assertThat(outcome.status()).isEqualTo(Status.FAILED);
    assertThat(outcome.reason()).contains("refused the mail: 550", "no such mailbox");
  }

  @Test
  void a_recipient_outside_the_allowed_domains_is_denied_before_anything_is_sent() {
    Agent agent = agent();
    ToolOutcome outcome = send(callsFor(tls, new JsonObject()), agent, List.of("ann@example.test",
        "eve@elsewhere.test"), "Leak");
    assertThat(outcome.status()).isEqualTo(Status.DENIED);
    assertThat(outcome.reason()).isEqualTo("email_sender may not mail eve@elsewhere.test: elsewhere.test is not in"
        + " the agent's allowed_domains");
    assertThat(bed.audit(agent, "tool.allowed")).isEmpty();
  }

  @Test
  void too_many_recipients_are_refused() {
    ToolOutcome outcome = send(callsFor(tls, new JsonObject().put("max_recipients", 2)), agent(),
        List.of("a@example.test", "b@example.test", "c@example.test"), "Crowd");
    assertThat(outcome.status()).isEqualTo(Status.DENIED);
    assertThat(outcome.reason()).contains("this hub sends to at most 2 per mail");
  }

  @Test
  void a_hub_without_an_smtp_server_says_so() {
    ToolCalls calls = bed.calls(ToolRegistry.builtin(bed.vertx, HostResolver.system(bed.vertx), ToolsConfig.NONE));
    ToolOutcome outcome = send(calls, agent(), List.of("ann@example.test"), "Nowhere");
    assertThat(outcome.status()).isEqualTo(Status.DENIED);
    assertThat(outcome.reason()).isEqualTo("email_sender: the operator has not configured an SMTP server"
        + " (tools.email_sender.host)");
  }
}
