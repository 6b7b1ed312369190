package io.aiox.testkit;

import java.io.IOException;
import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.SmackException;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;

/** Logged-in Smack clients for the test servers: plain TCP on loopback, the way both test servers allow. */
final class XmppClients {
  private XmppClients() {}

  static XMPPTCPConnection connect(String server, String domain, int port, String user, String password,
                                   String resource) {
    return connect(server, domain, Ports.LOOPBACK, port, user, password, resource);
  }

  /** The same, to a server listening on another loopback address (a node of a cluster). */
  static XMPPTCPConnection connect(String server, String domain, String host, int port, String user,
                                   String password, String resource) {
    try {
      XMPPTCPConnectionConfiguration config = XMPPTCPConnectionConfiguration.builder()
          .setXmppDomain(domain).setHost(host).setPort(port).setUsernameAndPassword(user, password)
          .setResource(resource).setSecurityMode(SecurityMode.disabled).setSendPresence(true).build();
      XMPPTCPConnection connection = new XMPPTCPConnection(config);
      connection.setReplyTimeout(10_000);
      connection.connect().login();
      return connection;
    } catch (SmackException | IOException | XMPPException e) {
      throw new IllegalStateException(user + "@" + domain + " cannot log in to " + server + " at " + host
          + ":" + port, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
