package io.aiox.bench.chat;

import java.util.concurrent.atomic.AtomicLong;
import org.jivesoftware.whack.ExternalComponentManager;
import org.xmpp.component.Component;
import org.xmpp.component.ComponentException;
import org.xmpp.component.ComponentManager;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;

/**
 * The second component baseline: the echo component as one writes it with Whack, the established Java library for
 * XEP-0114 components. Whack's {@link ExternalComponentManager} opens the stream and does the handshake; a plain
 * Tinder {@link Component} (the interface Whack hosts, without {@code AbstractComponent}'s own executor) answers
 * every {@code <message/>} with the same reply {@link EchoComponent} writes (from and to swapped, type chat, id and
 * body unchanged) through the manager's {@code sendPacket}. What runs is Whack's: a reader thread parses each stanza
 * into a dom4j tree, hands it to a worker thread, whose reply is serialized and flushed under the stream's lock.
 */
final class WhackEcho implements Component, AutoCloseable {
  private final ExternalComponentManager manager;
  private final String subdomain;
  private final AtomicLong echoed = new AtomicLong();

  private WhackEcho(ExternalComponentManager manager, String subdomain) {
    this.manager = manager;
    this.subdomain = subdomain;
  }

  /**
   * Connects as {@code componentDomain}, a subdomain of the server's {@code domain} (Whack names a component by its
   * subdomain and the server's name); returns once the handshake is done (XEP-0114 section 3).
   */
  static WhackEcho connect(String host, int port, String domain, String componentDomain, String secret)
      throws ComponentException {
    if (!componentDomain.endsWith("." + domain)) {
      throw new IllegalArgumentException("the component domain " + componentDomain + " is not a subdomain of "
          + domain);
    }
    String subdomain = componentDomain.substring(0, componentDomain.length() - domain.length() - 1);
    // plain TCP, as the component listener serves it (the two-argument constructor, deprecated, means the same)
    ExternalComponentManager manager = new ExternalComponentManager(host, port, false);
    manager.setServerName(domain);
    manager.setSecretKey(subdomain, secret);
    WhackEcho echo = new WhackEcho(manager, subdomain);
    manager.addComponent(subdomain, echo);
    return echo;
  }

  long echoed() {
    return echoed.get();
  }

  @Override
  public String getName() {
    return "echo";
  }

  @Override
  public String getDescription() {
    return "Answers every message with its own body";
  }

  @Override
  public void processPacket(Packet packet) {
    if (!(packet instanceof Message message) || message.getType() == Message.Type.error
        || message.getBody() == null) {
      return;
    }
    Message reply = new Message();
    reply.setFrom(message.getTo());
    reply.setTo(message.getFrom());
    reply.setType(Message.Type.chat);
    reply.setID(message.getID());
    reply.setBody(message.getBody());
    manager.sendPacket(this, reply);
    echoed.incrementAndGet();
  }

  @Override
  public void initialize(JID jid, ComponentManager componentManager) {
    // the manager that connected it is the one it sends through
  }

  @Override
  public void start() {
    // nothing to start: it only answers
  }

  @Override
  public void shutdown() {
    // nothing of its own to stop: Whack closes the stream
  }

  /** Ends the stream and closes the connection (Whack stops its reader and worker threads). */
  @Override
  public void close() throws ComponentException {
    manager.removeComponent(subdomain);
  }
}
