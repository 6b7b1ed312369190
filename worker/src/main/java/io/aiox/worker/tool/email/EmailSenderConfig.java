package io.aiox.worker.tool.email;

import io.aiox.config.ConfigSection;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The operator's SMTP submission server for {@code email_sender} (the {@code tools.email_sender} section). Mail
 * goes out only over TLS unless the operator says otherwise: STARTTLS is required (a server that does not offer
 * it is refused), or {@code implicit_tls} connects with TLS from the first byte (port 465);
 * {@code allow_plaintext} is the explicit opt-out. The password is not in the file: {@code password_env} names the
 * environment variable holding it, as {@code security.master_key_env} does for the master key.
 *
 * @param host {@code host}: the server; empty when the section is absent (the tool then says it is not configured)
 * @param port {@code port}: 587 by default, 465 with {@code implicit_tls}
 * @param from {@code from}: the envelope sender and From address of every mail
 * @param username {@code username}: the login, when the server wants one
 * @param passwordEnv {@code password_env}: the environment variable holding the password; required with a username
 * @param implicitTls {@code implicit_tls}: TLS from the first byte instead of STARTTLS (default false)
 * @param allowPlaintext {@code allow_plaintext}: send without TLS when the server offers none (default false)
 * @param trustFile {@code trust_file}: PEM certificates to trust instead of the JVM's (a private CA)
 * @param timeout {@code timeout_seconds}: connection and each reply (default 30 s); the policy's timeout may be shorter
 * @param maxRecipients {@code max_recipients}: addresses per mail at most (default 10)
 */
public record EmailSenderConfig(String host, int port, Optional<EmailAddress> from, Optional<String> username,
                                Optional<String> passwordEnv, boolean implicitTls, boolean allowPlaintext,
                                Optional<Path> trustFile, Duration timeout, int maxRecipients) {
  public static final String PREFIX = "tools.email_sender";
  public static final int DEFAULT_PORT = 587;
  public static final int DEFAULT_IMPLICIT_TLS_PORT = 465;
  public static final int DEFAULT_TIMEOUT_SECONDS = 30;
  public static final int DEFAULT_MAX_RECIPIENTS = 10;
  /** The most a mail may have however the operator sets it (the catalog's schema says the same). */
  public static final int MAX_RECIPIENTS = 50;
  public static final EmailSenderConfig NOT_CONFIGURED = new EmailSenderConfig("", DEFAULT_PORT, Optional.empty(),
      Optional.empty(), Optional.empty(), false, false, Optional.empty(), Duration.ofSeconds(DEFAULT_TIMEOUT_SECONDS),
      DEFAULT_MAX_RECIPIENTS);
  private static final Set<String> KEYS = Set.of("host", "port", "from", "username", "password_env", "implicit_tls",
      "allow_plaintext", "trust_file", "timeout_seconds", "max_recipients");

  /** Reads the section; an empty one leaves the tool unconfigured. */
  public static EmailSenderConfig fromJson(JsonObject json) {
    if (json.isEmpty()) {
      return NOT_CONFIGURED;
    }
    ConfigSection s = ConfigSection.of("tools.email_sender", json, KEYS);
    String host = s.string("host").orElseThrow(() -> s.bad("host", "is required (the SMTP server's name)"));
    boolean implicit = s.bool("implicit_tls", false);
    EmailAddress from = s.string("from").map(f -> EmailAddress.parse(f).address()
        .orElseThrow(() -> s.bad("from", EmailAddress.parse(f).problem())))
        .orElseThrow(() -> s.bad("from", "is required (the address mail is sent from)"));
    Optional<String> username = s.string("username");
    Optional<String> env = s.string("password_env");
    if (env.isPresent() && !env.get().matches("[A-Za-z_][A-Za-z0-9_]*")) {
      throw s.bad("password_env", "must be an environment variable's name, was " + env.get());
    }
    if (username.isPresent() != env.isPresent()) {
      throw s.bad("password_env", "and " + s.name("username") + " go together: set both or neither");
    }
    Optional<Path> trust = s.string("trust_file").map(Path::of);
    if (trust.isPresent() && !Files.isReadable(trust.get())) {
      throw s.bad("trust_file", "cannot be read: " + trust.get());
    }
    return new EmailSenderConfig(host, s.integer("port", implicit ? DEFAULT_IMPLICIT_TLS_PORT : DEFAULT_PORT, 1,
        65_535), Optional.of(from), username, env, implicit, s.bool("allow_plaintext", false), trust,
        Duration.ofSeconds(s.integer("timeout_seconds", DEFAULT_TIMEOUT_SECONDS, 1, 300)),
        s.integer("max_recipients", DEFAULT_MAX_RECIPIENTS, 1, MAX_RECIPIENTS));
  }

  public boolean configured() {
    return !host.isEmpty();
  }

  /** The password from the environment; fails naming {@code password_env} when the variable is unset or empty. */
  public Optional<String> password(Map<String, String> environment) {
    return passwordEnv.map(name -> {
      String value = environment.get(name);
      if (value == null || value.isEmpty()) {
        throw new IllegalArgumentException(PREFIX + ".password_env names " + name
            + ", which is not set in the hub's environment");
      }
      return value;
    });
  }
}
