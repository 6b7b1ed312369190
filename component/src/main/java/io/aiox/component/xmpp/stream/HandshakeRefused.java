package io.aiox.component.xmpp.stream;

/** The server refused the component's secret or domain: retrying cannot help, the operator must fix the config. */
public final class HandshakeRefused extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public HandshakeRefused(String domain, String answer) {
    super("the XMPP server refused the component handshake for " + domain
        + " (wrong xmpp.componentSecret, or the domain has no ejabberd_service listener): " + answer);
  }
}
