package io.aiox.component.xmpp.approval;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.Optional;
import org.dom4j.Element;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.Message;

/** The approval form's shape and the answers it accepts (rfc/aiox-agents.md section 9.4; XEP-0004). */
class ApprovalFormTest {
  private static final JsonObject ASK = new JsonObject().put("callId", "call-1").put("tool", "http_request")
      .put("description", "Fetches a URL").put("agentJid", "agent-1@agents.hub.test").put("ownerJid", "ann@hub.test")
      .put("arguments", new JsonObject().put("url", "https://api.example.com/")).put("why", "needs\nthe data")
      .put("expiresAt", "2030-01-01T00:05:00Z");

  private static String field(Element x, String var) {
    return x.elements("field").stream().filter(f -> var.equals(f.attributeValue("var"))).findFirst()
        .map(f -> f.elementText("value")).orElse(null);
  }

  @Test
  void the_request_is_a_form_from_the_agent_with_the_call_in_hidden_fields_and_the_thread() {
    Message m = ApprovalForm.request(ASK);
    assertThat(m.getFrom().toString()).isEqualTo("agent-1@agents.hub.test");
    assertThat(m.getTo().toString()).isEqualTo("ann@hub.test");
    assertThat(m.getThread()).isEqualTo("call-1");
    assertThat(m.getBody()).contains("http_request").contains("2030-01-01 00:05:00 UTC");
    Element x = m.getChildElement("x", ApprovalForm.DATA);
    assertThat(x.attributeValue("type")).isEqualTo("form");
    assertThat(field(x, "FORM_TYPE")).isEqualTo(ApprovalForm.FORM_TYPE);
    assertThat(field(x, "call_id")).isEqualTo("call-1");
    assertThat(field(x, "arguments")).isEqualTo("{\"url\":\"https://api.example.com/\"}");
    assertThat(field(x, "why")).as("fixed fields hold one line").isEqualTo("needs the data");
    assertThat(field(x, "expires_at")).isEqualTo("2030-01-01T00:05:00Z");
    assertThat(field(x, "decision")).as("the default is to deny").isEqualTo("deny");
  }

  @Test
  void answers_are_read_from_submitted_and_cancelled_forms_only() {
    assertThat(ApprovalForm.answer(answer("submit", ApprovalForm.FORM_TYPE, "approve")))
        .contains(new ApprovalForm.Answer("call-1", "approve"));
    assertThat(ApprovalForm.answer(answer("submit", ApprovalForm.FORM_TYPE, "maybe")))
        .contains(new ApprovalForm.Answer("call-1", null));
    assertThat(ApprovalForm.answer(answer("submit", "urn:other:form", "approve"))).isEmpty();
    assertThat(ApprovalForm.answer(answer("form", ApprovalForm.FORM_TYPE, "approve"))).isEmpty();
    Message cancel = new Message();
    cancel.setThread("call-2");
    cancel.addChildElement("x", ApprovalForm.DATA).addAttribute("type", "cancel");
    assertThat(ApprovalForm.answer(cancel)).contains(new ApprovalForm.Answer("call-2", "deny"));
    Message chat = new Message();
    chat.setBody("approve");
    assertThat(ApprovalForm.answer(chat)).isEqualTo(Optional.empty());
  }

  private static Message answer(String type, String formType, String decision) {
    Message m = new Message();
    Element x = m.addChildElement("x", ApprovalForm.DATA).addAttribute("type", type);
    x.addElement("field").addAttribute("var", "FORM_TYPE").addElement("value").setText(formType);
    x.addElement("field").addAttribute("var", "call_id").addElement("value").setText("call-1");
    x.addElement("field").addAttribute("var", "decision").addElement("value").setText(decision);
    return m;
  }
}
