package io.aiox.component.xmpp.chat;

import io.aiox.worker.turn.ToolRunning;
import io.aiox.worker.turn.Turns;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.function.Consumer;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;

/**
 * The sender's short status while one of the agent's tools runs (rfc section 9.1): a chat message from the agent,
 * {@code (using the tool NAME …)}, hinted not to be stored (XEP-0334) and marked with
 * {@code <tool xmlns='urn:aiox:tools:0' name='NAME' state='running'/>} so a client can show it as a status rather
 * than as part of the conversation. The answer follows as a separate message.
 */
public final class ToolStatus {
  public static final String NAMESPACE = "urn:aiox:tools:0";

  private final EventBus bus;
  private final Consumer<Packet> out;
  private MessageConsumer<ToolRunning> consumer;

  public ToolStatus(EventBus bus, Consumer<Packet> out) {
    this.bus = bus;
    this.out = out;
  }

  public void start() {
    consumer = bus.consumer(Turns.STATUS_ADDRESS, m -> out.accept(message(m.body())));
  }

  public void stop() {
    if (consumer != null) {
      consumer.unregister();
    }
  }

  static Message message(ToolRunning status) {
    String tool = status.tool();
    Message m = new Message();
    m.setType(Message.Type.chat);
    m.setFrom(new JID(status.from()));
    m.setTo(new JID(status.to()));
    m.setBody("(using the tool " + tool + " …)");
    m.addChildElement("tool", NAMESPACE).addAttribute("name", tool).addAttribute("state", "running");
    m.addChildElement("no-store", "urn:xmpp:hints");
    return m;
  }
}
