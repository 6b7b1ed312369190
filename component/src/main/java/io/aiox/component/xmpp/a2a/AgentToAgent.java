package io.aiox.component.xmpp.a2a;

import io.aiox.schema.id.OwnerId;
import io.aiox.worker.a2a.Chain;
import io.aiox.worker.a2a.Consultations;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.dom4j.Element;
import org.xmpp.packet.JID;
import org.xmpp.packet.Packet;

/** Sends the worker's questions to other agents and routes their answers back to the waiting question. */
public final class AgentToAgent {
  public static final String NAMESPACE = "urn:aiox:a2a:0";
  /** Prefix of the event-bus address an answer is delivered to (the clustered bus carries it to whichever instance asked). */
  public static final String ANSWERS = "aiox.a2a.answer.";
  private static final long WAIT_MILLIS = 120_000;

  private final Vertx vertx;
  private final Consumer<Packet> out;

  public AgentToAgent(Vertx vertx, Consumer<Packet> out) {
    this.vertx = vertx;
    this.out = out;
  }

  /** Starts serving the worker's questions; the returned consumer is unregistered when the component stops. */
  public MessageConsumer<JsonObject> start() {
    return vertx.eventBus().consumer(Consultations.ASK_ADDRESS, this::send);
  }

  private void send(Message<JsonObject> request) {
    JsonObject ask = request.body();
    String id = UUID.randomUUID().toString();
    org.xmpp.packet.Message m = new org.xmpp.packet.Message();
    m.setType(org.xmpp.packet.Message.Type.chat);
    m.setFrom(new JID(ask.getString("from")));
    m.setTo(new JID(ask.getString("to")));
    m.setID(id);
    m.setBody(ask.getString("body"));
    m.addChildElement("ask", NAMESPACE).addAttribute("id", id)
        .addAttribute("hops", Integer.toString(ask.getInteger("hops")))
        .addAttribute("origin", ask.getString("origin"));
    if (ask.getString("payer") != null && sameDomain(m.getFrom(), m.getTo())) {
      m.getChildElement("ask", NAMESPACE).addAttribute("payer", ask.getString("payer"));
    }
    MessageConsumer<JsonObject> answer = vertx.eventBus().consumer(ANSWERS + id);
    long timer = vertx.setTimer(WAIT_MILLIS, t -> {
      answer.unregister();
      request.fail(408, ask.getString("to") + " did not answer within " + WAIT_MILLIS / 1000 + " s");
    });
    answer.handler(a -> {
      vertx.cancelTimer(timer);
      answer.unregister();
      if (a.body().getString("error") != null) {
        request.fail(503, ask.getString("to") + " could not answer: " + a.body().getString("error"));
      } else {
        request.reply(new JsonObject().put("body", a.body().getString("body", "")));
      }
    });
    answer.completion().onSuccess(v -> out.accept(m)).onFailure(e -> request.fail(500, e.getMessage()));
  }

  /**
   * Whether a question from our agent {@code from} stays inside this hub: the payer is an owner's internal id, named
   * only to agents of our own agents domain, never to another server (which could not use it, and should not learn it).
   */
  private static boolean sameDomain(JID from, JID to) {
    return from.getDomain().equalsIgnoreCase(to.getDomain());
  }

  /**
   * If {@code m} answers a question (its {@code <answer/>}, or an error stanza bounced for the question's id),
   * hands it to the waiting question and returns true: answers are never turns.
   */
  public boolean answered(org.xmpp.packet.Message m) {
    Element answer = m.getChildElement("answer", NAMESPACE);
    if (answer != null && answer.attributeValue("to") != null) {
      vertx.eventBus().send(ANSWERS + answer.attributeValue("to"), new JsonObject().put("body", m.getBody()));
      return true;
    }
    if (m.getType() == org.xmpp.packet.Message.Type.error && m.getID() != null
        && m.getChildElement("ask", NAMESPACE) != null) {
      String why = m.getError() == null ? "error" : m.getError().getCondition().toXMPP()
          + (m.getError().getText() == null ? "" : ": " + m.getError().getText());
      vertx.eventBus().send(ANSWERS + m.getID(), new JsonObject().put("error", why));
      return true;
    }
    return false;
  }

  /**
   * The chain a question from another agent carries, if {@code m} is one. Its payer counts only when the question
   * comes from {@code ownDomain} (this hub's agents): an owner id means nothing on another hub, and another hub's
   * stanza must not charge an owner here.
   */
  public static Optional<Chain> asked(org.xmpp.packet.Message m, String ownDomain) {
    Element ask = m.getChildElement("ask", NAMESPACE);
    if (ask == null) {
      return Optional.empty();
    }
    try {
      int hops = Integer.parseInt(ask.attributeValue("hops", "1"));
      String origin = ask.attributeValue("origin", m.getFrom().toBareJID());
      String payer = ask.attributeValue("payer");
      boolean ours = m.getFrom().getDomain().equalsIgnoreCase(ownDomain);
      return Optional.of(new Chain(Math.max(hops, 1), origin,
          ours && payer != null ? Optional.of(OwnerId.parse(payer)) : Optional.empty()));
    } catch (IllegalArgumentException e) {
      return Optional.of(new Chain(Chain.MAX_HOPS, m.getFrom().toBareJID())); // unreadable: ask no one further
    }
  }

  /** Marks {@code reply} as the answer to {@code question}, when it was one. */
  public static void markAnswer(org.xmpp.packet.Message reply, org.xmpp.packet.Message question) {
    Element ask = question.getChildElement("ask", NAMESPACE);
    if (ask != null && ask.attributeValue("id") != null) {
      reply.addChildElement("answer", NAMESPACE).addAttribute("to", ask.attributeValue("id"));
    }
  }

  /** Whether {@code p} is a question from another agent (the only stanza from this component's domain let in). */
  public static boolean isQuestion(Packet p) {
    return p instanceof org.xmpp.packet.Message m && m.getType() != org.xmpp.packet.Message.Type.error
        && m.getChildElement("ask", NAMESPACE) != null;
  }
}
