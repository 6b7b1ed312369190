package io.aiox.component.console;

import io.aiox.component.xmpp.chat.ChatStanzas;
import io.aiox.component.xmpp.chat.ProgressiveAnswers;
import io.aiox.component.xmpp.chat.ToolStatus;
import io.aiox.component.xmpp.xep0308.CorrectionSupport;
import io.aiox.web.openai.TurnAnswer;
import io.aiox.web.openai.TurnRefused;
import io.aiox.web.openai.TurnRefused.Reason;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.function.Consumer;
import org.dom4j.Element;
import org.xmpp.packet.IQ;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;

/**
 * One console request seen as an XMPP client: it reads what the agent sends back to the request's JID the way a
 * client would. Receipts, chat states and tool status are not the answer; a growing message (rfc section 6.2,
 * {@code composing}) is the text so far; the message that ends the chat state is the answer, unless it only marks
 * the text shown so far as unfinished, in which case the error that follows is the outcome. It answers the
 * component's disco#info query (XEP-0030) with the corrections feature when the request streams, so streamed
 * answers grow exactly as an XMPP client that takes corrections sees them; an unstreamed one gets one message.
 */
final class ConsoleExchange implements Consumer<Packet> {
  private static final String STANZAS = "urn:ietf:params:xml:ns:xmpp-stanzas";

  private final boolean stream;
  private final Consumer<String> textSoFar;
  private final Consumer<Element> inbound;
  private final Promise<TurnAnswer> answer = Promise.promise();
  private String shown;

  /** {@code inbound}: where a stanza from this client enters the component (the disco#info answer). */
  ConsoleExchange(boolean stream, Consumer<String> textSoFar, Consumer<Element> inbound) {
    this.stream = stream;
    this.textSoFar = textSoFar;
    this.inbound = inbound;
  }

  Future<TurnAnswer> answer() {
    return answer.future();
  }

  void fail(Reason reason, String text) {
    answer.tryFail(new TurnRefused(reason, text));
  }

  @Override
  public void accept(Packet packet) {
    switch (packet) {
      case IQ iq -> discoInfo(iq);
      case Message m -> message(m);
      default -> { }
    }
  }

  private void message(Message m) {
    if (m.getType() == Message.Type.error) {
      Element error = m.getElement().element("error");
      Element text = error == null ? null : error.element("text");
      fail(reason(condition(error)), text == null || text.getTextTrim().isEmpty() ? "the agent failed to answer"
          : text.getTextTrim());
      return;
    }
    String body = m.getBody();
    if (body == null || m.getChildElement("tool", ToolStatus.NAMESPACE) != null) {
      return;
    }
    if (m.getChildElement("composing", ChatStanzas.CHATSTATES) != null) {
      shown = body;
      textSoFar.accept(body);
    } else if (shown == null || !body.equals(shown + ProgressiveAnswers.UNFINISHED)) {
      answer.tryComplete(new TurnAnswer(body));
    }
  }

  /**
   * The error's defined condition, read from the XML: Tinder's list of conditions predates {@code policy-violation}
   * (RFC 6120 section 8.3.3.12), which quota refusals carry.
   */
  private static String condition(Element error) {
    if (error == null) {
      return "";
    }
    for (Element child : error.elements()) {
      if (!child.getName().equals("text") && STANZAS.equals(child.getNamespaceURI())) {
        return child.getName();
      }
    }
    return "";
  }

  /** The errors of rfc section 7 as the HTTP edge reads them. */
  static Reason reason(String condition) {
    return switch (condition) {
      case "item-not-found", "forbidden" -> Reason.NOT_FOUND;
      case "bad-request", "not-acceptable" -> Reason.BAD_REQUEST;
      case "policy-violation" -> Reason.QUOTA;
      case "resource-constraint" -> Reason.BUSY;
      case "service-unavailable" -> Reason.UNAVAILABLE;
      case "remote-server-timeout" -> Reason.TIMEOUT;
      default -> Reason.FAILED;
    };
  }

  private void discoInfo(IQ iq) {
    Element query = iq.getChildElement();
    if (iq.getType() != IQ.Type.get || query == null
        || !CorrectionSupport.DISCO_INFO.equals(query.getNamespaceURI())) {
      return;
    }
    IQ result = IQ.createResultIQ(iq);
    Element info = result.setChildElement("query", CorrectionSupport.DISCO_INFO);
    info.addElement("identity").addAttribute("category", "client").addAttribute("type", "bot")
        .addAttribute("name", "AIOX console");
    info.addElement("feature").addAttribute("var", CorrectionSupport.DISCO_INFO);
    if (stream) {
      info.addElement("feature").addAttribute("var", CorrectionSupport.FEATURE);
    }
    inbound.accept(result.getElement());
  }
}
