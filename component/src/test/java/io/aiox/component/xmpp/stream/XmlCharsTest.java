package io.aiox.component.xmpp.stream;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** XML 1.0 section 2.2, Char production. */
class XmlCharsTest {
  @Test
  void text_that_xml_allows_is_returned_unchanged() {
    String ok = "hello\tworld\n\r é 中 😀 \uE000 \uFFFD";
    assertThat(XmlChars.clean(ok)).isSameAs(ok);
  }

  @Test
  void control_characters_lone_surrogates_and_nonchars_are_replaced() {
    assertThat(XmlChars.clean("a\u0000b\u0001c\u001Fd")).isEqualTo("a\uFFFDb\uFFFDc\uFFFDd");
    assertThat(XmlChars.clean("x\uD800y")).isEqualTo("x\uFFFDy");
    assertThat(XmlChars.clean("x\uDC00")).isEqualTo("x\uFFFD");
    assertThat(XmlChars.clean("\uFFFE\uFFFF")).isEqualTo("\uFFFD\uFFFD");
    assertThat(XmlChars.clean("😀\u0002😀")).isEqualTo("😀\uFFFD😀");
  }
}
