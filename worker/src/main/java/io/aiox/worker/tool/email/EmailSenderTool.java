package io.aiox.worker.tool.email;

import io.aiox.policy.tool.ToolCatalog;
import io.aiox.policy.tool.ToolDefinition;
import io.aiox.policy.tool.ToolPolicy;
import io.aiox.schema.id.OwnerId;
import io.aiox.worker.tool.Tool;
import io.aiox.worker.tool.ToolFailed;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.MailResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code email_sender}: one plain-text mail from the operator's address to up to {@code max_recipients}
 * addresses, through the operator's SMTP server ({@link EmailSenderConfig}), over TLS unless the operator allowed
 * plain text. Every recipient's domain must be in the agent's {@code allowed_domains}; the catalog's default
 * policy has the owner approve each mail and audits the call. The result (and so the audit entry) names the
 * sender, recipients, subject and Message-ID, never the body.
 */
public final class EmailSenderTool implements Tool {
  private final Vertx vertx;
  private final EmailSenderConfig config;
  private final MailClient client;
  private final ToolDefinition definition = ToolCatalog.find(ToolCatalog.EMAIL_SENDER).orElseThrow();

  /** The tool for this configuration; reads the password from {@code environment} now, so start-up fails early. */
  public EmailSenderTool(Vertx vertx, EmailSenderConfig config, Map<String, String> environment) {
    this.vertx = vertx;
    this.config = config;
    this.client = config.configured()
        ? MailClient.create(vertx, SmtpSettings.of(config, config.password(environment))) : null;
  }

  @Override
  public ToolDefinition definition() {
    return definition;
  }

  @Override
  public Optional<String> unavailable() {
    return config.configured() ? Optional.empty() : Optional.of(definition.name() + ": the operator has not"
        + " configured an SMTP server (" + EmailSenderConfig.PREFIX + ".host)");
  }

  @Override
  public Optional<String> problem(JsonObject args) {
    JsonArray to = args.getJsonArray("to");
    if (to.isEmpty()) {
      return Optional.of("to must name at least one address");
    }
    if (to.size() > config.maxRecipients()) {
      return Optional.of("to names " + to.size() + " addresses; this hub sends to at most "
          + config.maxRecipients() + " per mail");
    }
    for (Object address : to) {
      EmailAddress.Result parsed = EmailAddress.parse((String) address);
      if (parsed.address().isEmpty()) {
        return Optional.of("to: " + parsed.problem());
      }
    }
    if (args.getString("subject").chars().anyMatch(Character::isISOControl)) {
      return Optional.of("subject may not contain line breaks or other control characters");
    }
    return Optional.empty();
  }

  @Override
  public Optional<String> outsidePolicy(JsonObject args, ToolPolicy policy) {
    for (EmailAddress address : recipients(args)) {
      if (!policy.allowedDomains().matches(address.domain())) {
        return Optional.of("email_sender may not mail " + address + ": " + address.domain()
            + " is not in the agent's allowed_domains");
      }
    }
    return Optional.empty();
  }

  @Override
  public boolean writes(JsonObject arguments) {
    return true;
  }

  @Override
  public Future<JsonObject> execute(OwnerId owner, JsonObject args, ToolPolicy policy) {
    List<String> to = recipients(args).stream().map(EmailAddress::toString).toList();
    MailMessage message = new MailMessage().setFrom(config.from().orElseThrow().toString()).setTo(to)
        .setSubject(args.getString("subject")).setText(args.getString("body"))
        .addHeader("Auto-Submitted", "auto-generated"); // RFC 3834: no auto-replies back to an agent
    Duration limit = policy.timeout().compareTo(config.timeout()) < 0 ? policy.timeout() : config.timeout();
    Promise<MailResult> sent = Promise.promise();
    long timer = vertx.setTimer(limit.toMillis(), id -> sent.tryFail(new ToolFailed("the SMTP server "
        + config.host() + " did not take the mail within " + limit.toSeconds() + " s")));
    client.sendMail(message).onComplete(sent::tryComplete, sent::tryFail);
    return sent.future().andThen(r -> vertx.cancelTimer(timer))
        .map(result -> new JsonObject().put("message_id", result.getMessageID())
            .put("from", message.getFrom()).put("to", new JsonArray(to)).put("subject", message.getSubject()))
        .recover(e -> Future.failedFuture(e instanceof ToolFailed ? e : SmtpFailures.describe(config.host(), e)));
  }

  private static List<EmailAddress> recipients(JsonObject args) {
    List<EmailAddress> out = new ArrayList<>();
    for (Object address : args.getJsonArray("to")) {
      out.add(EmailAddress.parse((String) address).address().orElseThrow());
    }
    return out;
  }
}
