package io.aiox.worker.tool.email;

import io.vertx.core.net.PemTrustOptions;
import io.vertx.ext.mail.LoginOption;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.StartTLSOptions;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** The Vert.x mail client's settings for an {@link EmailSenderConfig}: TLS as the operator chose, host checked. */
final class SmtpSettings {
  private SmtpSettings() {}

  static MailConfig of(EmailSenderConfig config, Optional<String> password) {
    MailConfig mail = new MailConfig().setHostname(config.host()).setPort(config.port())
        .setSsl(config.implicitTls()).setStarttls(starttls(config))
        // Each mail on its own connection: nothing of one owner's session is reused for another's mail.
        .setKeepAlive(false).setAllowRcptErrors(false)
        .setConnectTimeout((int) config.timeout().toMillis())
        .setIdleTimeout((int) config.timeout().toSeconds()).setIdleTimeoutUnit(TimeUnit.SECONDS)
        // The certificate must name the configured host; Vert.x checks only the chain unless told.
        .setHostnameVerificationAlgorithm("HTTPS");
    config.trustFile().ifPresent(f -> mail.setTrustOptions(new PemTrustOptions().addCertPath(f.toString())));
    if (config.username().isPresent()) {
      mail.setLogin(LoginOption.REQUIRED).setUsername(config.username().get()).setPassword(password.orElseThrow());
    } else {
      mail.setLogin(LoginOption.DISABLED);
    }
    return mail;
  }

  /** Required unless the operator allowed plain text; with implicit TLS the connection is encrypted already. */
  private static StartTLSOptions starttls(EmailSenderConfig config) {
    if (config.implicitTls()) {
      return StartTLSOptions.DISABLED;
    }
    return config.allowPlaintext() ? StartTLSOptions.OPTIONAL : StartTLSOptions.REQUIRED;
  }
}
