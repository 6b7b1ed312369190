package io.aiox.component.xmpp.xep0115;

import static org.assertj.core.api.Assertions.assertThat;

import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.junit.jupiter.api.Test;

class CapsTest {
  /** XEP-0115 section 5.2, the simple example: its published verification string. */
  @Test
  void the_simple_example_of_the_xep_hashes_to_its_published_string() {
    Element q = DocumentHelper.createElement("query");
    q.addElement("identity").addAttribute("category", "client").addAttribute("type", "pc")
        .addAttribute("name", "Exodus 0.9.1");
    for (String f : new String[] {"http://jabber.org/protocol/disco#info", "http://jabber.org/protocol/disco#items",
        "http://jabber.org/protocol/muc", "http://jabber.org/protocol/caps"}) {
      q.addElement("feature").addAttribute("var", f);
    }
    assertThat(Caps.ver(q)).isEqualTo("QgayPKawpkPSDYmwT/WM94uAlu0=");
  }

  /** XEP-0115 section 5.3, the complex example with an extended form. */
  @Test
  void the_complex_example_with_a_form_hashes_to_its_published_string() throws Exception {
    Element q = DocumentHelper.parseText("""
        <query xmlns='http://jabber.org/protocol/disco#info'>
          <identity xml:lang='en' category='client' name='Psi 0.11' type='pc'/>
          <identity xml:lang='el' category='client' name='&#936; 0.11' type='pc'/>
          <feature var='http://jabber.org/protocol/disco#info'/>
          <feature var='http://jabber.org/protocol/disco#items'/>
          <feature var='http://jabber.org/protocol/muc'/>
          <feature var='http://jabber.org/protocol/caps'/>
          <x xmlns='jabber:x:data' type='result'>
            <field var='FORM_TYPE' type='hidden'><value>urn:xmpp:dataforms:softwareinfo</value></field>
            <field var='ip_version'><value>ipv4</value><value>ipv6</value></field>
            <field var='os'><value>Mac</value></field>
            <field var='os_version'><value>10.5.1</value></field>
            <field var='software'><value>Psi</value></field>
            <field var='software_version'><value>0.11</value></field>
          </x>
        </query>""").getRootElement();
    assertThat(Caps.ver(q)).isEqualTo("q07IKJEyjvHSyhy//CH0CxmKi8w=");
  }
}
