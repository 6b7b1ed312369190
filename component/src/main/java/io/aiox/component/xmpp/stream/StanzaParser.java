package io.aiox.component.xmpp.stream;

import com.fasterxml.aalto.AsyncByteArrayFeeder;
import com.fasterxml.aalto.AsyncXMLInputFactory;
import com.fasterxml.aalto.AsyncXMLStreamReader;
import com.fasterxml.aalto.stax.InputFactoryImpl;
import java.util.function.Consumer;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.dom4j.Namespace;
import org.dom4j.QName;

/**
 * Push parser for an XMPP stream: feed it bytes as they arrive, it calls back with the stream header's attributes
 * and with each complete top-level element. Never blocks and never buffers more than one stanza.
 */
public final class StanzaParser {
  private final AsyncXMLStreamReader<AsyncByteArrayFeeder> reader;
  private final StreamLimits limits;
  private final Consumer<Element> onHeader;
  private final Consumer<Element> onStanza;
  private Element current;
  private int depth;
  private long fed;
  private long stanzaStart = -1;

  public StanzaParser(StreamLimits limits, Consumer<Element> onHeader, Consumer<Element> onStanza) {
    AsyncXMLInputFactory factory = new InputFactoryImpl();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
    this.reader = factory.createAsyncForByteArray();
    this.limits = limits;
    this.onHeader = onHeader;
    this.onStanza = onStanza;
  }

  /** Parses what it can of {@code bytes}; throws {@link StreamViolation} when the stream breaks a rule. */
  public void feed(byte[] bytes) {
    try {
      reader.getInputFeeder().feedInput(bytes, 0, bytes.length);
      fed += bytes.length;
      int event;
      while ((event = reader.next()) != AsyncXMLStreamReader.EVENT_INCOMPLETE) {
        handle(event);
      }
      // an open stanza is bounded however it arrives: byte by byte, or in one chunk
      if (stanzaStart >= 0 && fed - stanzaStart > limits.maxStanzaBytes()) {
        throw new StreamViolation("policy-violation", "stanza larger than " + limits.maxStanzaBytes() + " bytes");
      }
    } catch (XMLStreamException e) {
      // Inside the stream a DTD is not even well-formed XML, but what was attempted is restricted XML (RFC 6120
      // section 11.1), and that condition tells the peer more.
      if (declaresMarkup(bytes)) {
        throw new StreamViolation("restricted-xml", "DTDs and entity declarations are not allowed (RFC 6120 11.1)");
      }
      throw new StreamViolation("not-well-formed", "the stream is not well-formed XML: " + e.getMessage());
    }
  }

  private static boolean declaresMarkup(byte[] bytes) {
    String text = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
    return text.contains("<!DOCTYPE") || text.contains("<!ENTITY") || text.contains("<!ELEMENT")
        || text.contains("<!ATTLIST");
  }

  private void handle(int event) throws XMLStreamException {
    switch (event) {
      case XMLStreamReader.START_ELEMENT -> start();
      case XMLStreamReader.END_ELEMENT -> end();
      case XMLStreamReader.CHARACTERS, XMLStreamReader.CDATA, XMLStreamReader.SPACE -> text();
      case XMLStreamReader.DTD, XMLStreamReader.ENTITY_REFERENCE, XMLStreamReader.ENTITY_DECLARATION ->
          throw new StreamViolation("restricted-xml", "DTDs and entity declarations are not allowed (RFC 6120 11.1)");
      case XMLStreamReader.PROCESSING_INSTRUCTION ->
          throw new StreamViolation("restricted-xml", "processing instructions are not allowed (RFC 6120 11.1)");
      default -> { } // comments and the XML declaration carry nothing
    }
  }

  private void start() {
    Element element = DocumentHelper.createElement(qname());
    for (int i = 0; i < reader.getNamespaceCount(); i++) {
      String prefix = reader.getNamespacePrefix(i);
      if (prefix != null && !prefix.isEmpty()) {
        element.addNamespace(prefix, reader.getNamespaceURI(i));
      }
    }
    for (int i = 0; i < reader.getAttributeCount(); i++) {
      String prefix = reader.getAttributePrefix(i);
      String name = prefix == null || prefix.isEmpty() ? reader.getAttributeLocalName(i)
          : prefix + ":" + reader.getAttributeLocalName(i);
      element.addAttribute(name, reader.getAttributeValue(i));
    }
    if (depth == 0) {
      depth = 1;
      onHeader.accept(element);
      return;
    }
    if (++depth > limits.maxDepth()) {
      throw new StreamViolation("policy-violation", "stanza nesting deeper than " + limits.maxDepth());
    }
    if (current != null) {
      current.add(element);
    } else {
      stanzaStart = reader.getLocationInfo().getStartingByteOffset();
    }
    current = element;
  }

  private QName qname() {
    String ns = reader.getNamespaceURI();
    String prefix = reader.getPrefix();
    return new QName(reader.getLocalName(), Namespace.get(prefix == null ? "" : prefix, ns == null ? "" : ns));
  }

  private void end() throws XMLStreamException {
    depth--;
    if (depth == 0) {
      throw new StreamViolation("closed", "the peer closed the stream");
    }
    Element parent = current.getParent();
    if (depth == 1) {
      Element stanza = current;
      current = null;
      long size = reader.getLocationInfo().getEndingByteOffset() - stanzaStart;
      stanzaStart = -1;
      if (size > limits.maxStanzaBytes()) {
        throw new StreamViolation("policy-violation", "stanza larger than " + limits.maxStanzaBytes() + " bytes");
      }
      onStanza.accept(stanza);
    } else {
      current = parent;
    }
  }

  private void text() {
    if (current != null) {
      current.addText(reader.getText());
    }
  }
}
