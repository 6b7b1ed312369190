package io.aiox.component.xmpp.approval;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.UUID;
import org.dom4j.Element;
import org.dom4j.QName;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;

/** The approval request the owner receives, and the owner's submitted answer (XEP-0004 sections 3.1 and 3.4). */
public final class ApprovalForm {
  public static final String FORM_TYPE = "urn:aiox:tool-approval:0";
  public static final String DATA = "jabber:x:data";
  public static final String APPROVE = "approve";
  public static final String DENY = "deny";
  private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
      .withZone(ZoneOffset.UTC);
  private static final int MAX_SHOWN_ARGUMENTS = 2_000;

  /** The owner's answer: which call, and {@code approve}, {@code deny}, or null when the value is missing or odd. */
  public record Answer(String callId, String decision) {
    public boolean approved() {
      return APPROVE.equals(decision);
    }
  }

  private ApprovalForm() {}

  /** The request for approval, from the agent to the owner, built from the worker's question. */
  public static Message request(JsonObject ask) {
    Instant expires = Instant.parse(ask.getString("expiresAt"));
    String tool = ask.getString("tool");
    String args = ask.getJsonObject("arguments", new JsonObject()).encode();
    String shownArgs = args.length() > MAX_SHOWN_ARGUMENTS ? args.substring(0, MAX_SHOWN_ARGUMENTS) + "…" : args;
    String why = ask.getString("why", "");
    Message m = new Message();
    m.setType(Message.Type.normal);
    m.setID(UUID.randomUUID().toString());
    m.setFrom(new JID(ask.getString("agentJid")));
    m.setTo(new JID(ask.getString("ownerJid")));
    m.setThread(ask.getString("callId"));
    m.setSubject("Approve " + tool + "?");
    m.setBody("Your agent asks to run " + tool + " with " + shownArgs + (why.isBlank() ? "" : "\nWhy: " + why)
        + "\nApprove or deny with the attached form before " + SHOWN.format(expires)
        + "; without an answer the call is denied.");
    Element x = m.addChildElement("x", DATA).addAttribute("type", "form");
    x.addElement("title").setText("Approve a tool call");
    x.addElement("instructions").setText("Approve or deny before " + SHOWN.format(expires) + ".");
    field(x, "FORM_TYPE", "hidden", null).addElement("value").setText(FORM_TYPE);
    field(x, "call_id", "hidden", null).addElement("value").setText(ask.getString("callId"));
    field(x, "tool", "fixed", "Tool").addElement("value").setText(tool + ": " + ask.getString("description", ""));
    field(x, "arguments", "fixed", "Arguments").addElement("value").setText(shownArgs);
    field(x, "why", "fixed", "Why").addElement("value").setText(why.replaceAll("[\\r\\n]+", " "));
    field(x, "expires_at", "fixed", "Expires at").addElement("value").setText(expires.toString());
    Element decision = field(x, "decision", "list-single", "Decision");
    decision.addElement("required");
    decision.addElement("value").setText(DENY);
    option(decision, "Approve", APPROVE);
    option(decision, "Deny", DENY);
    return m;
  }

  /**
   * The answer when the message carries a submitted approval form, or a cancelled one (which carries no fields,
   * XEP-0004 section 3.4, so its call is named by the message's thread); else empty.
   */
  public static Optional<Answer> answer(Message m) {
    Element x = m.getElement().element(QName.get("x", DATA));
    if (x == null) {
      return Optional.empty();
    }
    String type = x.attributeValue("type", "");
    String formType = value(x, "FORM_TYPE");
    String callId = value(x, "call_id") != null ? value(x, "call_id") : m.getThread();
    if (type.equals("cancel") && (formType == null || FORM_TYPE.equals(formType)) && callId != null) {
      return Optional.of(new Answer(callId, DENY));
    }
    if (!type.equals("submit") || !FORM_TYPE.equals(formType)) {
      return Optional.empty();
    }
    String decision = value(x, "decision");
    boolean known = APPROVE.equals(decision) || DENY.equals(decision);
    return Optional.of(new Answer(callId, known ? decision : null));
  }

  private static String value(Element x, String var) {
    for (Element f : x.elements("field")) {
      if (var.equals(f.attributeValue("var")) && f.element("value") != null) {
        return f.element("value").getTextTrim();
      }
    }
    return null;
  }

  private static Element field(Element x, String var, String type, String label) {
    Element f = x.addElement("field").addAttribute("var", var).addAttribute("type", type);
    return label == null ? f : f.addAttribute("label", label);
  }

  private static void option(Element field, String label, String value) {
    field.addElement("option").addAttribute("label", label).addElement("value").setText(value);
  }
}
